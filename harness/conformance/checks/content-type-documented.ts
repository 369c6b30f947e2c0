import type { RunContext } from '../context.js';
import { responseFor } from '../operations.js';
import type { Exchange } from '../types.js';

/** Media type of the body must be one the response declares (parameters such as charset ignored). */
export function checkContentType(ctx: RunContext, ex: Exchange): void {
  const spec = responseFor(ex.op, ex.response.status);
  if (spec === undefined) return;
  ctx.ran('content-type-documented');
  const declared = Object.keys(spec.content);
  const sent = (ex.response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (declared.length === 0) {
    if (ex.response.raw.length > 0 && ex.response.status !== 204)
      ctx.fail(
        'content-type-documented',
        ex.op,
        `status ${ex.response.status} declares no body but one was sent (${sent || 'no content-type'})`,
        spec.pointer,
      );
    return;
  }
  const ok = declared.some((m) => {
    const d = m.toLowerCase();
    if (d === sent || d === '*/*') return true;
    if (d.endsWith('/*')) return sent.startsWith(d.slice(0, -1));
    return false;
  });
  if (!ok)
    ctx.fail(
      'content-type-documented',
      ex.op,
      `status ${ex.response.status} sent content-type ${JSON.stringify(sent)}; declared: ${declared.join(', ')}`,
      `${spec.pointer}/content`,
    );
}
