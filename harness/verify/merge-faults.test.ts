// Fault suite (issue 14, false PASS #6): merge must refuse shards of different runs, naming the
// field that differs. The bad input is the mixture: shards 0–1 of a tampered bundle + shard 2 of
// the clean one (the tampered record lies in shard 2's range, so each part looks clean).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { captureContext } from '../testing/capture-context.js';
import { tempBundle } from './testing.js';

type Bundle = Awaited<ReturnType<typeof tempBundle>>;
let clean: Bundle;
let tampered: Bundle;

async function run(...argv: string[]) {
  const ctx = captureContext(clean.dir);
  const code = await main(argv, ctx);
  return { code, out: ctx.stdoutText(), err: ctx.stderrText() };
}

async function shard(b: Bundle, k: number, ...extra: string[]): Promise<string> {
  const out = join(b.dir, `shard-${k}${extra.length ? '-x' : ''}.json`);
  const r = await run(
    'verify-proofs',
    '--bundle',
    b.dir,
    '--workers',
    '1',
    '--shard',
    `${k}/3`,
    '--out',
    out,
    ...extra,
  );
  expect(r.code).toBeLessThan(2);
  return out;
}

beforeAll(async () => {
  clean = await tempBundle(90, 30, 'merge-faults');
  tampered = await tempBundle(90, 30, 'merge-faults');
  const lines = await tampered.lines();
  lines[75] = lines[75]!.replace(/"jws":"[^"]*"/, lines[76]!.match(/"jws":"[^"]*"/)![0]);
  await tampered.setLines(lines);
});
afterAll(async () => {
  await clean.remove();
  await tampered.remove();
});

describe('merge refuses shards of different runs', () => {
  it('shards of one run merge (control), and the tampered run alone FAILs', async () => {
    const ok = await run('merge', await shard(clean, 0), await shard(clean, 1), await shard(clean, 2));
    expect(ok.code).toBe(0);
    const bad = await run(
      'merge',
      await shard(tampered, 0),
      await shard(tampered, 1),
      await shard(tampered, 2),
    );
    expect(bad.code).toBe(1);
  });

  it('tampered shards 0–1 + clean shard 2: exit 2 naming the data digest', async () => {
    const r = await run('merge', await shard(tampered, 0), await shard(tampered, 1), await shard(clean, 2));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/ERR_REPORT/);
    expect(r.err).toMatch(/shard 2\/3 is not from the same run as shard 0\/3: identity\.dataDigest differs/);
  });

  it('a shard made under another --note-key policy: exit 2 naming it', async () => {
    const { noteKeys } = JSON.parse(await readFile(join(clean.dir, 'manifest.json'), 'utf8')) as {
      noteKeys: string[];
    };
    const other = await shard(clean, 1, '--note-key', noteKeys[0]!, '--note-key', noteKeys[0]!);
    const r = await run('merge', await shard(clean, 0), other, await shard(clean, 2));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/noteKeys differs|policyDigest differs/);
  });

  it.each([
    [
      'an older shard format',
      (s: any) => ({ ...s, format: 'proofgate-shard/2' }),
      /not a proofgate-shard\/5 report/,
    ],
    ['no identity', (s: any) => ({ ...s, identity: undefined }), /not a proofgate-shard\/5 report/],
    [
      'another tool version',
      (s: any) => ({ ...s, identity: { ...s.identity, tool: 'proofgate 0.0.1' } }),
      /identity\.tool differs/,
    ],
    [
      'another record profile',
      (s: any) => ({ ...s, profile: { ...s.profile, digest: '0'.repeat(64) } }),
      /record profile differs/,
    ],
    [
      'other anchors',
      (s: any) => ({ ...s, identity: { ...s.identity, anchorsDigest: '0'.repeat(64) } }),
      /identity\.anchorsDigest differs/,
    ],
  ])('%s: exit 2', async (_n, edit, msg) => {
    const file = await shard(clean, 2);
    const edited = join(clean.dir, 'shard-2-edited.json');
    await writeFile(edited, JSON.stringify(edit(JSON.parse(await readFile(file, 'utf8')))));
    const r = await run('merge', await shard(clean, 0), await shard(clean, 1), edited);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(msg);
  });
});
