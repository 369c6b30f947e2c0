import type { RunContext } from '../context.js';
import { kind } from './status-documented.js';
import type { Exchange } from '../types.js';

/** A 5xx to a request the harness built is a defect whatever the spec says. */
export function checkNoServerError(ctx: RunContext, ex: Exchange): void {
  ctx.ran('no-server-error');
  if (ex.response.status >= 500)
    ctx.fail(
      'no-server-error',
      ex.op,
      `status ${ex.response.status}${code(ctx, ex)} to a ${kind(ex.origin)} request`,
    );
}

function code(ctx: RunContext, ex: Exchange): string {
  const c = ctx.errorId(ex.response.json);
  return c === undefined ? '' : ` (${c})`;
}
