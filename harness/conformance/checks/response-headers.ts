import type { RunContext } from '../context.js';
import { fromWire } from '../build-requests.js';
import { responseFor } from '../operations.js';
import type { Exchange } from '../types.js';

/** Required response headers are present (OAS 3.1 §4.8.21) and every declared header matches its schema. */
export function checkResponseHeaders(ctx: RunContext, ex: Exchange): void {
  const spec = responseFor(ex.op, ex.response.status);
  if (spec === undefined) return;
  for (const name of Object.keys(spec.headers).sort()) {
    const h = spec.headers[name]!;
    if (name === 'content-type') continue; // OAS 3.1 §4.8.17.1: ignored when defined
    const value = ex.response.headers[name];
    if (h.required) {
      ctx.ran('required-headers-present');
      if (value === undefined) {
        ctx.fail(
          'required-headers-present',
          ex.op,
          `status ${ex.response.status}: required header ${name} is missing`,
          h.pointer.replace(/\/schema$/, ''),
        );
        continue;
      }
    }
    if (value === undefined || h.schema === undefined) continue;
    ctx.ran('header-schema');
    const errors = ctx.validator.validate(h.schema, fromWire(ctx.doc, h.schema, value));
    if (errors.length > 0) {
      ctx.fail(
        'header-schema',
        ex.op,
        `status ${ex.response.status}: header ${name}: ${errors.map((e) => e.message).join('; ')}`,
        h.pointer,
      );
    }
  }
}
