import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { captureContext } from '../testing/capture-context.js';
import { command } from './generate-history.js';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('proofgate generate-history', () => {
  it('writes the same bundle twice for one seed and prints a JSON summary', async () => {
    const base = await mkdtemp(join(tmpdir(), 'pg-genhist-'));
    dirs.push(base);
    const runs: string[] = [];
    for (const name of ['a', 'b']) {
      const ctx = captureContext(base);
      const code = await command.run(
        ['--out', name, '--records', '12', '--seed', 'cli', '--anchor-every', '4', '--format', 'json'],
        ctx,
      );
      expect(code).toBe(0);
      const summary = JSON.parse(ctx.stdoutText()) as { records: number; anchors: number; roots: unknown[] };
      expect([summary.records, summary.anchors, summary.roots.length]).toEqual([12, 3, 3]);
      runs.push(await readFile(join(base, name, 'records.jsonl'), 'utf8'));
    }
    expect(runs[0]).toBe(runs[1]);
  });

  it('--algs EdDSA writes a single-key Ed25519 history', async () => {
    const base = await mkdtemp(join(tmpdir(), 'pg-genhist-'));
    dirs.push(base);
    const ctx = captureContext(base);
    expect(
      await command.run(
        ['--out', 'h', '--records', '6', '--seed', 'one', '--algs', 'EdDSA', '--format', 'json'],
        ctx,
      ),
    ).toBe(0);
    const keys = JSON.parse(await readFile(join(base, 'h', 'keys.jwks.json'), 'utf8')) as {
      keys: { kid: string; alg: string }[];
    };
    expect(keys.keys.map((k) => [k.kid, k.alg])).toEqual([['k1-eddsa', 'EdDSA']]);
  });

  it.each([
    ['missing --out', ['--records', '5', '--seed', 's']],
    ['missing --seed', ['--out', 'x', '--records', '5']],
    ['zero records', ['--out', 'x', '--records', '0', '--seed', 's']],
    ['bad --anchor-every', ['--out', 'x', '--records', '5', '--seed', 's', '--anchor-every', '-1']],
    ['unknown alg', ['--out', 'x', '--records', '5', '--seed', 's', '--algs', 'EdDSA,RS256']],
    ['unknown flag', ['--out', 'x', '--records', '5', '--seed', 's', '--nope']],
  ])('%s is a usage error (exit 2)', async (_name, argv) => {
    await expect(command.run(argv, captureContext(tmpdir()))).rejects.toMatchObject({ code: 'ERR_USAGE' });
  });
});
