import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packagePath } from '../harness/paths.js';

const node = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, args, {
    cwd: packagePath(),
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });

describe('bench runner', () => {
  it('leaves nothing in the temp folder', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'proofgate-bench-test-'));
    try {
      const r = node([packagePath('scripts', 'bench.mjs'), '--no-build', 'no-such-bench'], { TMPDIR: tmp });
      expect(r.status).toBe(2);
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('refuses an unknown bench name and lists the available ones (exit 2)', () => {
    const r = node([packagePath('scripts', 'bench.mjs'), '--no-build', 'no-such-bench']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown bench no-such-bench; available: .*openapi/);
  });

  it('bench-openapi skips visibly without the corpus (exit 0)', () => {
    const r = node([packagePath('scripts', 'bench-openapi.mjs')], {
      PROOFGATE_CORPUS: '/nonexistent-corpus',
      PROOFGATE_BENCH_PAIRS: 'stripe',
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/bench openapi: SKIPPED: the Stripe pair is not at \/nonexistent-corpus\/real/);
    expect(r.stdout).toMatch(/bench openapi: SKIPPED the GitHub pair/);
  });
});
