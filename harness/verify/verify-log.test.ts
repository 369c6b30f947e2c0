import { afterEach, describe, expect, it } from 'vitest';
import { generateKeyPair, exportJWK, CompactSign } from 'jose';
import { canonicalJson } from '../report/index.js';
import { bundleSource } from './bundle-source.js';
import { finalize } from './finalize.js';
import type { VerifyReportBody } from './finalize.js';
import { tempBundle } from './testing.js';
import { verifyShard } from './verify-shard.js';
import { verifyLog } from './verify-log.js';
import type { ShardState } from './shard-state.js';

type Bundle = Awaited<ReturnType<typeof tempBundle>>;
const open: Bundle[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.remove()));
});
async function bundle(records = 300, anchorEvery = 50): Promise<Bundle> {
  const b = await tempBundle(records, anchorEvery);
  open.push(b);
  return b;
}
async function verify(dir: string, workers = 0) {
  const { report } = await verifyLog(await bundleSource(dir), { workers });
  return { report: report!, body: report!.body as unknown as VerifyReportBody };
}
/** Replaces the jws of one record line. */
function withJws(line: string, edit: (jws: string) => string): string {
  const r = JSON.parse(line) as { seq: number; jws: string };
  return JSON.stringify({ seq: r.seq, jws: edit(r.jws) });
}
function flipSig(jws: string): string {
  const [h, p, s] = jws.split('.') as [string, string, string];
  const c = s[5] === 'A' ? 'B' : 'A';
  return `${h}.${p}.${s.slice(0, 5)}${c}${s.slice(6)}`;
}

describe('verify-proofs engine on a generated bundle', () => {
  it('an untouched history passes with every digest and root', async () => {
    const b = await bundle();
    const { report, body } = await verify(b.dir);
    expect(report.pass).toBe(true);
    expect(body.verdict).toBe('PASS');
    expect(body.counts).toEqual({ ok: 300 });
    expect(body.anchors).toEqual({ total: 6, verified: 6 });
    expect(body.keyBindingDigest).toBe(b.history.keyBindingDigest);
    // content roots at every anchor size are the generator's (an independent streaming tree)
    expect(body.contentRoots.filter((r) => r.treeSize !== 0)).toEqual(b.history.roots);
    expect(body.verificationDigest).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    [
      'bad signature',
      {
        edit: (l: string[]): void => void (l[10] = withJws(l[10]!, flipSig)),
        want: [
          { seq: 10, outcome: 'bad-signature' },
          { seq: 11, outcome: 'chain-break' },
        ],
        anchor: 'anchor-root-mismatch',
      },
    ],
    [
      'missing record',
      {
        edit: (l: string[]): void => void l.splice(20, 1),
        want: [{ seq: 20, outcome: 'missing-seq' }],
        anchor: 'anchor-root-mismatch',
      },
    ],
    [
      'non-canonical base64url',
      {
        edit: (l: string[]): void => void (l[7] = withJws(l[7]!, (j) => `${j}=`)),
        want: [
          { seq: 7, outcome: 'malformed' },
          { seq: 8, outcome: 'chain-break' },
        ],
        anchor: 'anchor-root-mismatch',
      },
    ],
    [
      'payload of another record (replayed at a new seq)',
      {
        edit: (l: string[]): void => void (l[40] = withJws(l[41]!, (j) => j).replace('"seq":41', '"seq":40')),
        want: [
          { seq: 40, outcome: 'seq-mismatch' },
          { seq: 41, outcome: 'chain-break' },
        ],
        anchor: 'anchor-root-mismatch',
      },
    ],
  ] as const)('%s is caught with its exact outcome and seq', async (_name, { edit, want, anchor }) => {
    const b = await bundle();
    const lines = await b.lines();
    edit(lines);
    await b.setLines(lines);
    const { report, body } = await verify(b.dir);
    expect(report.pass).toBe(false);
    expect(body.failures.map(({ seq, outcome }) => ({ seq, outcome }))).toEqual(want);
    expect(report.findings.map((f) => f.id)).toContain(anchor);
  });

  it('a duplicated and a reordered line are extra rows, never silently skipped', async () => {
    const b = await bundle();
    const lines = await b.lines();
    lines.splice(100, 0, lines[99]!); // seq 99 twice
    [lines[201], lines[202]] = [lines[202]!, lines[201]!]; // 201 and 200 swapped (after the insert, indexes moved by one)
    await b.setLines(lines);
    const { body } = await verify(b.dir);
    expect(body.verdict).toBe('FAIL');
    expect(body.extraRows).toEqual([
      { seq: 99, kind: 'duplicate-seq' },
      { seq: 200, kind: 'out-of-order' },
    ]);
    expect(body.failures).toContainEqual(expect.objectContaining({ seq: 200, outcome: 'missing-seq' }));
  });

  it('truncation below an anchor fails as anchor-beyond-log', async () => {
    const b = await bundle();
    await b.setLines((await b.lines()).slice(0, 240));
    const { report, body } = await verify(b.dir);
    expect(body.treeSize).toBe(240);
    expect(body.failures).toEqual([]);
    const ids = report.findings.map((f) => `${f.id}@${f.pointer}`);
    expect(ids).toEqual([
      'anchor-beyond-log@/anchors/treeSize=250',
      'anchor-beyond-log@/anchors/treeSize=300',
    ]);
  });

  it('a record signed by a key that was never bound is unknown-kid', async () => {
    const b = await bundle();
    const lines = await b.lines();
    const prev = JSON.parse(
      Buffer.from((JSON.parse(lines[5]!) as { jws: string }).jws.split('.')[1]!, 'base64url').toString(),
    ) as Record<string, unknown>;
    const { privateKey } = await generateKeyPair('EdDSA');
    const jws = await new CompactSign(Buffer.from(canonicalJson({ ...prev })))
      .setProtectedHeader({ alg: 'EdDSA', kid: 'rogue', typ: 'proofgate-record+jws' })
      .sign(privateKey);
    lines[5] = JSON.stringify({ seq: 5, jws });
    await b.setLines(lines);
    const { body } = await verify(b.dir);
    expect(body.failures[0]).toMatchObject({ seq: 5, outcome: 'unknown-kid' });
  });

  it('a dropped key turns its records into unknown-kid', async () => {
    const b = await bundle();
    const dropped = b.history.keys[0]!.kid;
    await b.editJson('keys.jwks.json', (v: { keys: { kid: string }[] }) => ({
      keys: v.keys.filter((k) => k.kid !== dropped),
    }));
    const { body } = await verify(b.dir);
    expect(body.verdict).toBe('FAIL');
    expect(new Set(body.failures.map((f) => f.outcome))).toEqual(new Set(['unknown-kid']));
  });

  it('a kid rebound to another public key makes its records bad-signature', async () => {
    const b = await bundle();
    const { publicKey } = await generateKeyPair('EdDSA');
    const jwk = await exportJWK(publicKey);
    const target = b.history.keys.find((k) => k.alg === 'EdDSA')!.kid;
    await b.editJson('keys.jwks.json', (v: { keys: { kid: string; x: string }[] }) => {
      for (const k of v.keys) if (k.kid === target) k.x = jwk.x!;
    });
    const { body } = await verify(b.dir);
    expect(new Set(body.failures.map((f) => f.outcome))).toEqual(new Set(['bad-signature']));
  });

  it.each([
    [
      'tampered anchor signature',
      (a: { checkpoint: string }[]) =>
        void (a[2]!.checkpoint = a[2]!.checkpoint.replace(
          /.(\n)$/,
          (m, nl: string) => (m[0] === 'A' ? 'B' : 'A') + nl,
        )),
      'anchor-signature-invalid',
    ],
    [
      'anchor with a wrong root, re-sized',
      (a: { treeSize: number }[]) => void (a[1]!.treeSize = 99),
      'anchor-signature-invalid',
    ],
  ] as const)('%s', async (_n, edit, want) => {
    const b = await bundle();
    await b.editJson('anchors.jsonl', edit as (v: unknown) => void);
    const { report } = await verify(b.dir);
    expect(report.pass).toBe(false);
    expect(report.findings.map((f) => f.id)).toContain(want);
  });

  it('an untrusted note key fails every anchor', async () => {
    const b = await bundle();
    const other = await tempBundle(3, 1, 'another-seed');
    open.push(other);
    const { report } = await verifyLog(await bundleSource(b.dir), {
      workers: 0,
      noteKeys: other.history.noteKeys,
    });
    expect(report!.findings.filter((f) => f.id === 'anchor-signature-invalid')).toHaveLength(6);
  });

  it('an empty history is not a PASS', async () => {
    const b = await bundle(0, 0);
    const { report, body } = await verify(b.dir);
    expect(report.pass).toBe(false);
    expect(body.verdict).toBe('FAIL');
    expect(report.findings[0]?.id).toBe('empty-history');
  });
});

describe('shards', () => {
  const cases: [string, (l: string[]) => void][] = [
    ['clean', () => {}],
    ['bad signature on a shard boundary', (l) => void (l[100] = withJws(l[100]!, flipSig))],
    ['missing record at a boundary', (l) => void l.splice(75, 1)],
    ['reordered across a boundary', (l) => void ([l[149], l[150]] = [l[150]!, l[149]!])],
  ];
  it.each(cases)('merge of N shards equals the single run: %s', async (_n, edit) => {
    const b = await bundle();
    const lines = await b.lines();
    edit(lines);
    await b.setLines(lines);
    const single = finalize([await verifyShard(await bundleSource(b.dir), { workers: 0 })]);
    for (const n of [2, 3, 4, 7]) {
      const states = [];
      for (let k = 0; k < n; k++) {
        const s = await verifyShard(await bundleSource(b.dir), { workers: 0, shard: { index: k, count: n } });
        states.push(JSON.parse(JSON.stringify(s))); // shard reports travel as JSON files
      }
      const merged = finalize(states.reverse());
      expect(canonicalJson(merged.body)).toBe(canonicalJson(single.body));
      expect(merged.findings).toEqual(single.findings);
    }
  });

  it('worker threads and the main thread give the same state', async () => {
    const b = await bundle(1200, 200);
    const lines = await b.lines();
    lines[1000] = withJws(lines[1000]!, flipSig);
    await b.setLines(lines);
    const inline = await verifyShard(await bundleSource(b.dir), { workers: 0 });
    const threaded = await verifyShard(await bundleSource(b.dir), { workers: 2, batchSize: 100 });
    expect(canonicalJson(threaded)).toBe(canonicalJson(inline));
    expect(finalize([threaded]).body.failures).toEqual([
      { seq: 1000, outcome: 'bad-signature', kid: expect.any(String), reason: expect.any(String) },
      { seq: 1001, outcome: 'chain-break', reason: 'prev is not the leaf hash of record 1000' },
    ]);
  });

  it.each([
    ['a missing shard', (s: unknown[]) => s.slice(1), /missing|of 3/],
    [
      'a shard from another run',
      (s: { origin: string }[]) => [{ ...s[0]!, origin: 'other' }, ...s.slice(1)],
      /not from the same run.*origin differs/,
    ],
  ] as const)('merge refuses %s', async (_n, edit, want) => {
    const b = await bundle(60, 10);
    const states: ShardState[] = [];
    for (let k = 0; k < 3; k++)
      states.push(
        await verifyShard(await bundleSource(b.dir), { workers: 0, shard: { index: k, count: 3 } }),
      );
    expect(() => finalize(edit(states as never) as never)).toThrow(want);
  });
});
