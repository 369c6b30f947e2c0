import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MerkleBuilder, leafHash, parseCheckpoint, verifyCheckpoint } from '../lineage/index.js';
import { RecordVerifier, ZERO_PREV, keyBindingDigest, type KeyBinding } from '../proofs/index.js';
import { generateHistory, generateRecords } from './index.js';

const dirs: string[] = [];
async function tmp(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'pg-history-'));
  dirs.push(d);
  return d;
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function filesOf(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of (await readdir(dir)).sort()) out[f] = await readFile(join(dir, f), 'utf8');
  return out;
}

describe('generateHistory', () => {
  it('is byte-identical for the same seed and differs for another seed', async () => {
    const opts = { seed: 'det', records: 60, anchorEvery: 20 };
    const [a, b, c] = [await tmp(), await tmp(), await tmp()];
    await generateHistory({ ...opts, out: a });
    await generateHistory({ ...opts, out: b });
    await generateHistory({ ...opts, seed: 'other', out: c });
    const fa = await filesOf(a);
    expect(Object.keys(fa)).toEqual(['anchors.jsonl', 'keys.jwks.json', 'manifest.json', 'records.jsonl']);
    expect(await filesOf(b)).toEqual(fa);
    expect((await filesOf(c))['records.jsonl']).not.toEqual(fa['records.jsonl']);
  });

  it('writes a history in which every record, link and anchor verifies', async () => {
    const out = await tmp();
    const g = await generateHistory({ out, seed: 'verify', records: 120, anchorEvery: 25 });
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toEqual({ format: 'proofgate-bundle/1', origin: g.origin, noteKeys: g.noteKeys });
    const { keys } = JSON.parse(await readFile(join(out, 'keys.jwks.json'), 'utf8')) as {
      keys: KeyBinding[];
    };
    expect(keys.map((k) => [k.kid, k.alg])).toEqual([
      ['k1-eddsa', 'EdDSA'],
      ['k2-es256', 'ES256'],
      ['k3-eddsa', 'EdDSA'],
    ]);
    expect(keys[0]?.revoked_at).not.toBeNull(); // rotated out, then revoked after its window
    expect(keys[2]?.valid_until).toBeNull();
    expect(keyBindingDigest(keys)).toBe(g.keyBindingDigest);
    const verifier = new RecordVerifier(keys);
    const tree = new MerkleBuilder();
    const roots = new Map<number, string>();
    let prev = ZERO_PREV;
    const lines = (await readFile(join(out, 'records.jsonl'), 'utf8')).split('\n');
    expect(lines.pop()).toBe('');
    const kids = new Set<string>();
    for (const [i, line] of lines.entries()) {
      const { seq, jws } = JSON.parse(line) as { seq: number; jws: string };
      expect(seq).toBe(i);
      const r = verifier.verify(jws, { log: g.origin, seq, prev });
      expect(r.outcome, `seq ${seq}: ${r.reason}`).toBe('ok');
      kids.add(r.kid as string);
      const leaf = leafHash(jws);
      prev = Buffer.from(leaf).toString('hex');
      tree.push(leaf);
      roots.set(tree.size, Buffer.from(tree.root()).toString('hex'));
    }
    expect(kids.size).toBe(3);
    const anchors = (await readFile(join(out, 'anchors.jsonl'), 'utf8')).trim().split('\n');
    expect(anchors.map((l) => (JSON.parse(l) as { treeSize: number }).treeSize)).toEqual([25, 50, 75, 100]);
    for (const line of anchors) {
      const { treeSize, checkpoint } = JSON.parse(line) as { treeSize: number; checkpoint: string };
      const v = verifyCheckpoint(checkpoint, g.noteKeys, g.origin);
      expect(v.ok).toBe(true);
      const cp = parseCheckpoint(checkpoint);
      expect(cp.treeSize).toBe(treeSize);
      expect(Buffer.from(cp.rootHash).toString('hex')).toBe(roots.get(treeSize));
    }
    expect(g.roots.map((r) => r.root)).toEqual([25, 50, 75, 100].map((n) => roots.get(n)));
  });

  it('streams the same records through generateRecords', async () => {
    const out = await tmp();
    await generateHistory({ out, seed: 'stream', records: 10, anchorEvery: 0 });
    const lines: string[] = [];
    for await (const r of generateRecords({ seed: 'stream', records: 10, anchorEvery: 0 })) {
      lines.push(JSON.stringify({ seq: r.seq, jws: r.jws }));
    }
    expect(`${lines.join('\n')}\n`).toBe(await readFile(join(out, 'records.jsonl'), 'utf8'));
    expect(await readFile(join(out, 'anchors.jsonl'), 'utf8')).toBe('');
    expect(
      createHash('sha256')
        .update(lines[0] as string)
        .digest('hex'),
    ).toHaveLength(64);
  });

  it.each([
    [
      'gap between key windows',
      {
        keys: [
          { alg: 'EdDSA' as const, fromSeq: 0, toSeq: 5 },
          { alg: 'EdDSA' as const, fromSeq: 6 },
        ],
      },
    ],
    ['windows do not cover all records', { keys: [{ alg: 'EdDSA' as const, fromSeq: 0, toSeq: 5 }] }],
    [
      'duplicate kid',
      {
        keys: [
          { alg: 'EdDSA' as const, fromSeq: 0, toSeq: 5, kid: 'a' },
          { alg: 'ES256' as const, fromSeq: 5, kid: 'a' },
        ],
      },
    ],
  ])('refuses %s with a usage error', async (_name, extra) => {
    await expect(
      generateHistory({ out: await tmp(), seed: 'x', records: 10, anchorEvery: 5, ...extra }),
    ).rejects.toMatchObject({
      code: 'ERR_USAGE',
    });
  });
});
