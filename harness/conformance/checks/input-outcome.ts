import type { RunContext } from '../context.js';
import { responseFor } from '../operations.js';
import type { Exchange } from '../types.js';

/** Invalid input → a documented 4xx; the spec's own examples → 2xx. */
export function checkInputOutcome(ctx: RunContext, ex: Exchange): void {
  const status = ex.response.status;
  if (ex.origin.startsWith('invalid')) {
    ctx.ran('invalid-input-rejected');
    const documented = responseFor(ex.op, status) !== undefined;
    if (status < 400 || status > 499 || !documented) {
      ctx.fail(
        'invalid-input-rejected',
        ex.op,
        `${ex.origin.slice('invalid '.length)}: answered ${status}, expected a documented 4xx`,
      );
    }
  } else if (ex.origin === 'example') {
    ctx.ran('example-accepted');
    if (status < 200 || status > 299)
      ctx.fail('example-accepted', ex.op, `the spec's example request was answered ${status}`);
  }
}
