import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { canonicalDigest } from '../report/index.js';
import { captureContext } from '../testing/capture-context.js';
import { tempBundle } from './testing.js';

type Bundle = Awaited<ReturnType<typeof tempBundle>>;
let good: Bundle;
let bad: Bundle;
beforeAll(async () => {
  good = await tempBundle(120, 40, 'cli-tests');
  bad = await tempBundle(120, 40, 'cli-tests');
  const lines = await bad.lines();
  lines.splice(50, 1);
  await bad.setLines(lines);
});
afterAll(async () => {
  await good.remove();
  await bad.remove();
});

async function run(...argv: string[]) {
  const ctx = captureContext(good.dir);
  const code = await main(argv, ctx);
  return { code, out: ctx.stdoutText(), err: ctx.stderrText() };
}

describe('proofgate verify-proofs / merge / compare', () => {
  it.each([
    ['no source', { given: [], want: 2, msg: /exactly one of --bundle/ }],
    [
      'both sources',
      { given: ['--bundle', '.', '--database-url', 'postgres://x'], want: 2, msg: /exactly one/ },
    ],
    ['a bad shard spec', { given: ['--bundle', '.', '--shard', '4/4'], want: 2, msg: /--shard takes K\/N/ }],
    ['a missing bundle', { given: ['--bundle', '/nonexistent/bundle'], want: 2, msg: /ERR_BUNDLE/ }],
    ['an unknown flag', { given: ['--bundel', '.'], want: 2, msg: /Unknown option/ }],
  ])('%s is a usage/input error (exit 2)', async (_n, { given, want, msg }) => {
    const r = await run('verify-proofs', ...given);
    expect(r.code).toBe(want);
    expect(r.err).toMatch(msg);
  });

  it('PASS and FAIL exit codes, byte-identical deterministic JSON', async () => {
    const a = await run(
      'verify-proofs',
      '--bundle',
      good.dir,
      '--format',
      'json',
      '--deterministic',
      '--workers',
      '1',
    );
    const b = await run(
      'verify-proofs',
      '--bundle',
      good.dir,
      '--format',
      'json',
      '--deterministic',
      '--workers',
      '2',
    );
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    expect(JSON.parse(a.out)).toMatchObject({ verdict: 'PASS', treeSize: 120, counts: { ok: 120 } });
    const f = await run('verify-proofs', '--bundle', bad.dir, '--format', 'json');
    expect(f.code).toBe(1);
    expect(JSON.parse(f.out).failures[0]).toMatchObject({ seq: 50, outcome: 'missing-seq' });
  });

  it('shards merged on the command line give the single run report', async () => {
    const single = await run('verify-proofs', '--bundle', bad.dir, '--format', 'json', '--deterministic');
    const files: string[] = [];
    for (let k = 0; k < 3; k++) {
      const out = join(good.dir, `shard-${k}.json`);
      const r = await run('verify-proofs', '--bundle', bad.dir, '--shard', `${k}/3`, '--out', out);
      expect(r.code).toBe(k === 1 ? 1 : 0); // seq 50 is missing: shard 1 covers 40..79
      files.push(out);
    }
    const merged = await run('merge', ...files.reverse(), '--format', 'json', '--deterministic');
    expect(merged.code).toBe(1);
    expect(merged.out).toBe(single.out);
    const missing = await run('merge', files[0]!, files[1]!);
    expect(missing.code).toBe(2);
  });

  it('compare: unchanged passes; a lost record and a dropped key fail naming seq and kid', async () => {
    const before = join(good.dir, 'before.json');
    const after = join(good.dir, 'after.json');
    expect((await run('verify-proofs', '--bundle', good.dir, '--format', 'json', '--out', before)).code).toBe(
      0,
    );
    expect((await run('compare', before, before)).code).toBe(0);

    expect((await run('verify-proofs', '--bundle', bad.dir, '--format', 'json', '--out', after)).code).toBe(
      1,
    );
    const c = await run('compare', before, after, '--format', 'json');
    expect(c.code).toBe(1);
    expect(JSON.parse(c.out).changes).toContainEqual(
      expect.objectContaining({ id: 'outcome-changed', seq: 50 }),
    );

    const report = JSON.parse(await readFile(before, 'utf8'));
    const kid = report.keys[0].kid;
    report.keys = report.keys.slice(1);
    // A consistent report of a ledger that lost a key (digest recomputed: an edit alone is exit 2).
    delete report.digest;
    delete report.timings;
    delete report.engine;
    report.digest = canonicalDigest(report);
    await writeFile(after, JSON.stringify(report));
    const k = await run('compare', before, after, '--format', 'json');
    expect(k.code).toBe(1);
    expect(JSON.parse(k.out).changes).toEqual([expect.objectContaining({ id: 'key-dropped', kid })]);
    expect((await run('compare', before, join(good.dir, 'manifest.json'))).code).toBe(2);
  });
});
