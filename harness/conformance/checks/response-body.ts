import type { RunContext } from '../context.js';
import { responseFor } from '../operations.js';
import { undeclaredProperties } from '../schema/undeclared.js';
import type { Exchange } from '../types.js';

/** Body validates against the declared schema (ajv, no coercion/stripping) and carries no undeclared member. */
export function checkResponseBody(ctx: RunContext, ex: Exchange): void {
  const spec = responseFor(ex.op, ex.response.status);
  if (spec === undefined) return;
  const sent = (ex.response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const media =
    spec.content[sent] ??
    Object.entries(spec.content).find(([m]) => /json/i.test(m) && /json/i.test(sent))?.[1];
  if (media?.schema === undefined) return;
  ctx.ran('response-schema');
  ctx.covered(ex.op).validated += 1;
  if (ex.response.json === undefined) {
    ctx.fail(
      'response-schema',
      ex.op,
      `status ${ex.response.status}: body is not JSON${ex.response.jsonError ? ` (${ex.response.jsonError})` : ''}`,
      media.pointer,
    );
    return;
  }
  for (const e of ctx.validator.validate(media.schema, ex.response.json)) {
    ctx.fail('response-schema', ex.op, `status ${ex.response.status}: ${e.message}`, media.pointer);
  }
  ctx.ran('response-undeclared-property');
  for (const ptr of undeclaredProperties(ctx.doc, media.schema, ex.response.json)) {
    // Array indexes vary with data: report the member's schema location, not the item number.
    ctx.fail(
      'response-undeclared-property',
      ex.op,
      `status ${ex.response.status}: undeclared property ${ptr.replace(/\/[0-9]+(?=\/|$)/g, '/*')}`,
      media.pointer,
    );
  }
}
