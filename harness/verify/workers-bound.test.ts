import { describe, expect, it } from 'vitest';
import { packagePath } from '../paths.js';
import { runCli } from '../testing/run-cli.js';
import { MAX_WORKERS, WorkerPool } from './worker-pool.js';

// `verify-proofs --workers 99999` started 99999 threads and V8 died with SIGTRAP (exit 133).
describe('the number of verification workers is bounded', () => {
  it.each([
    [
      'verify-proofs',
      ['verify-proofs', '--bundle', packagePath('fixtures', 'history', 'small'), '--workers', '99999'],
    ],
    ['rehearse', ['rehearse', '--base', 'x', '--candidate', 'y', '--workers', '65']],
  ])('%s --workers above the bound is a usage error (exit 2), before any work', async (_n, args) => {
    const { code, stderr } = await runCli(args).done;
    expect(stderr).toContain(`--workers takes at most ${MAX_WORKERS}`);
    expect(code).toBe(2);
  });

  it.each([0, -1, 1.5, MAX_WORKERS + 1, Number.NaN])(
    'a library caller asking for %s workers gets ERR_USAGE, no thread',
    (n) => {
      expect(() => new WorkerPool(n)).toThrow(expect.objectContaining({ code: 'ERR_USAGE' }));
    },
  );
});
