import type { RunContext } from '../context.js';
import { responseFor } from '../operations.js';
import type { Exchange } from '../types.js';

/** The status must be declared for the operation (exactly, as a range, or by `default`; OAS 3.1 §4.8.16). */
export function checkStatusDocumented(ctx: RunContext, ex: Exchange): boolean {
  ctx.ran('status-documented');
  if (responseFor(ex.op, ex.response.status) !== undefined) return true;
  const declared = ex.op.responses.map((r) => r.status).join(', ');
  ctx.fail(
    'status-documented',
    ex.op,
    `status ${ex.response.status} is not documented (declared: ${declared}) [${kind(ex.origin)}]`,
    `${ex.op.pointer}/responses`,
  );
  return false;
}

export function kind(origin: string): string {
  return origin.split(' ')[0]!;
}
