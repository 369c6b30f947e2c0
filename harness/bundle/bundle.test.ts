import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBundle } from './read-bundle.js';
import { MAX_LINE_BYTES } from './read-lines.js';
import { BUNDLE_FILES, type BundleAnchor, type BundleRecord, type KeyBinding } from './types.js';
import { writeBundle } from './write-bundle.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'proofgate-bundle-test-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const KEYS: KeyBinding[] = [
  {
    kty: 'EC',
    crv: 'P-256',
    x: 'xx',
    y: 'yy',
    kid: 'k-es',
    alg: 'ES256',
    use: 'sig',
    valid_from: '2026-01-01T00:00:00Z',
    valid_until: null,
    revoked_at: null,
  },
  {
    kty: 'OKP',
    crv: 'Ed25519',
    x: 'AAAA',
    kid: 'k-ed',
    alg: 'EdDSA',
    use: 'sig',
    valid_from: '2025-01-01T00:00:00Z',
    valid_until: '2026-01-01T00:00:00Z',
    revoked_at: '2025-12-01T00:00:00.5Z',
  },
];
const RECORDS: BundleRecord[] = Array.from({ length: 25 }, (_, seq) => ({
  seq,
  jws: `eyJh.${'p'.repeat(seq)}.s${seq}`,
}));
const ANCHORS: BundleAnchor[] = [
  { treeSize: 10, checkpoint: 'example.com/log\n10\nAAAA\n\n— example.com/log AAAA\n' },
  { treeSize: 20, checkpoint: 'example.com/log\n20\nBBBB\n\n— example.com/log BBBB\n' },
];

let n = 0;
async function bundle(
  overrides: Partial<Record<keyof typeof BUNDLE_FILES, string | null>> = {},
): Promise<string> {
  const dir = join(root, `b${n++}`);
  await writeBundle(dir, {
    origin: 'example.com/log',
    noteKeys: ['example.com/log+01234567+AQID'],
    keys: KEYS,
    records: RECORDS,
    anchors: ANCHORS,
  });
  for (const [k, v] of Object.entries(overrides)) {
    const f = join(dir, BUNDLE_FILES[k as keyof typeof BUNDLE_FILES]);
    if (v === null) await rm(f);
    else await writeFile(f, v);
  }
  return dir;
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('writeBundle / readBundle', () => {
  it('writes the agreed byte format', async () => {
    const dir = await bundle();
    const records = await readFile(join(dir, 'records.jsonl'), 'utf8');
    expect(records.split('\n')[0]).toBe('{"seq":0,"jws":"eyJh..s0"}');
    expect(records.endsWith('}\n')).toBe(true);
    const manifest = await readFile(join(dir, 'manifest.json'), 'utf8');
    expect(manifest).toBe(
      '{\n  "format": "proofgate-bundle/1",\n  "noteKeys": [\n    "example.com/log+01234567+AQID"\n  ],\n  "origin": "example.com/log"\n}\n',
    );
    const keys = JSON.parse(await readFile(join(dir, 'keys.jwks.json'), 'utf8')) as { keys: KeyBinding[] };
    expect(keys.keys.map((k) => k.kid)).toEqual(['k-ed', 'k-es']);
    expect((await readFile(join(dir, 'anchors.jsonl'), 'utf8')).split('\n')[0]).toBe(
      JSON.stringify(ANCHORS[0]),
    );
  });

  it('reads back what it wrote, and a rewrite is byte-identical', async () => {
    const dir = await bundle();
    const b = await readBundle(dir);
    expect(b.manifest).toEqual({
      format: 'proofgate-bundle/1',
      origin: 'example.com/log',
      noteKeys: ['example.com/log+01234567+AQID'],
    });
    expect(await collect(b.records())).toEqual(RECORDS);
    expect(await collect(b.anchors())).toEqual(ANCHORS);
    const batches = await collect(b.recordBatches(10));
    expect(batches.map((x) => x.jws.length)).toEqual([10, 10, 5]);
    expect(Array.from(batches[2]!.seqs)).toEqual([20, 21, 22, 23, 24]);
    const again = join(root, `again${n++}`);
    await writeBundle(again, {
      origin: b.manifest.origin,
      noteKeys: b.manifest.noteKeys,
      keys: b.keys,
      records: b.recordBatches(7),
      anchors: b.anchors(),
    });
    for (const f of Object.values(BUNDLE_FILES)) {
      expect(await readFile(join(again, f), 'utf8'), f).toBe(await readFile(join(dir, f), 'utf8'));
    }
  });

  it('an empty history is an empty records.jsonl, readable', async () => {
    const dir = join(root, `empty${n++}`);
    await writeBundle(dir, { origin: 'o', noteKeys: [], keys: [], records: [], anchors: [] });
    expect(await readFile(join(dir, 'records.jsonl'), 'utf8')).toBe('');
    expect(await collect((await readBundle(dir)).records())).toEqual([]);
  });

  it('leaves order, gaps, duplicates and odd JWS text to the verifier', async () => {
    const lines = [
      '{"seq":5,"jws":"a"}',
      '{"seq":5,"jws":"a"}',
      '{"seq":1,"jws":"a+b/=="}',
      '{"seq":9,"jws":"x\\"y\\n"}',
    ];
    const dir = await bundle({ records: lines.join('\n') + '\n' });
    expect(await collect((await readBundle(dir)).records())).toEqual([
      { seq: 5, jws: 'a' },
      { seq: 5, jws: 'a' },
      { seq: 1, jws: 'a+b/==' },
      { seq: 9, jws: 'x"y\n' },
    ]);
  });
});

const GOOD = '{"seq":0,"jws":"a.b.c"}\n';

/** What recordBytes() yields, as (seq, JWS text) pairs, or the error it throws. */
async function viaBytes(dir: string): Promise<BundleRecord[] | string> {
  try {
    const out: BundleRecord[] = [];
    for await (const b of (await readBundle(dir)).recordBytes()) {
      b.seqs.forEach((seq, i) => out.push({ seq, jws: b.bytes.toString('utf8', b.starts[i], b.ends[i]) }));
    }
    return out;
  } catch (e) {
    return `${(e as { code: string }).code} ${(e as Error).message}`;
  }
}
async function viaText(dir: string): Promise<BundleRecord[] | string> {
  try {
    return await collect((await readBundle(dir)).records());
  } catch (e) {
    return `${(e as { code: string }).code} ${(e as Error).message}`;
  }
}

describe('recordBytes (the verifier reads records as bytes)', () => {
  // Lines in the fast byte form and every near miss of it: the byte reader must give exactly
  // what the JSON reader gives, records or error.
  const line = fc.oneof(
    fc
      .record({ seq: fc.maxSafeNat(), jws: fc.stringMatching(/^[A-Za-z0-9_.-]{0,40}$/) })
      .map((r) => JSON.stringify(r)),
    fc
      .record({ seq: fc.nat(99), jws: fc.string({ unit: 'binary', maxLength: 12 }) })
      .map((r) => JSON.stringify(r)),
    fc.constantFrom(
      '{"seq":01,"jws":"a"}',
      '{"seq":1,"jws":"a\\u002eb"}',
      '{"seq":9007199254740992,"jws":"a"}',
      '{"seq":12345678901234567,"jws":"a"}',
      '{"seq":1,"jws":"a"} ',
      '{"seq":1,"jws":"a"}\r',
      '{"seq":1,"jws":"a\tb"}',
      '{"seq":1,"jws":"a"',
      '{"seq":1,"jws":""}',
      '{"seq":,"jws":"a"}',
      '',
    ),
  );
  it('gives the same records, or the same ERR_BUNDLE at the same line, as the JSON reader', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 8 }), fc.boolean(), async (lines, finalNewline) => {
        const text = lines.join('\n') + (finalNewline && lines.length > 0 ? '\n' : '');
        const dir = await bundle({ records: text });
        expect(await viaBytes(dir)).toEqual(await viaText(dir));
      }),
      { numRuns: 60 },
    );
  });
  it('takes lines split across read chunks (a file over 1 MB)', async () => {
    const many = Array.from({ length: 5_000 }, (_, seq) => ({
      seq,
      jws: `${'h'.repeat(seq % 600)}.p.s${seq}`,
    }));
    const dir = await bundle({ records: many.map((r) => `${JSON.stringify(r)}\n`).join('') });
    expect(await viaBytes(dir)).toEqual(many);
  });
  it.each([2_090, 2_091, 2_095, 2_500])(
    'invalid UTF-8 at line %i of a file over 1 MB is reported as the JSON reader reports it (line and offset)',
    async (bad) => {
      // ~503-byte lines: the first read chunk (1 MiB) ends inside line 2085; later lines sit at
      // every offset from the chunk's start, so the offset of a cut line must carry over.
      const lines = Array.from({ length: 3_000 }, (_, seq) =>
        Buffer.from(`${JSON.stringify({ seq, jws: `${'h'.repeat(480 + (seq % 7))}.p.s` })}\n`),
      );
      lines[bad] = Buffer.concat([
        Buffer.from(`{"seq":${bad},"jws":"a`),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('b"}\n'),
      ]);
      const dir = await bundle({});
      await writeFile(join(dir, BUNDLE_FILES.records), Buffer.concat(lines));
      const got = await viaBytes(dir);
      expect(got).toEqual(await viaText(dir));
      expect(String(got)).toMatch(new RegExp(`:${bad + 1}\\b`));
    },
  );
  it('invalid UTF-8 inside a JWS string is read as the JSON reader reads it', async () => {
    const dir = await bundle({});
    await writeFile(
      join(dir, BUNDLE_FILES.records),
      Buffer.concat([Buffer.from('{"seq":0,"jws":"a'), Buffer.from([0xff, 0xfe]), Buffer.from('b"}\n')]),
    );
    expect(await viaBytes(dir)).toEqual(await viaText(dir));
  });
});

describe('malformed records.jsonl / anchors.jsonl → ERR_BUNDLE with file:line', () => {
  it.each([
    [
      'no final newline',
      { file: 'records', text: GOOD + '{"seq":1,"jws":"a.b.c"}', line: 2, msg: /does not end/ },
    ],
    ['space after colon', { file: 'records', text: '{"seq": 0,"jws":"a"}\n', line: 1, msg: /canonical/ }],
    ['members reordered', { file: 'records', text: GOOD + '{"jws":"a","seq":1}\n', line: 2, msg: /exactly/ }],
    ['extra member', { file: 'records', text: '{"seq":0,"jws":"a","kid":"k"}\n', line: 1, msg: /exactly/ }],
    ['missing member', { file: 'records', text: '{"seq":0}\n', line: 1, msg: /exactly/ }],
    [
      'duplicate member',
      { file: 'records', text: '{"seq":0,"seq":1,"jws":"a"}\n', line: 1, msg: /canonical/ },
    ],
    ['negative seq', { file: 'records', text: '{"seq":-1,"jws":"a"}\n', line: 1, msg: /whole number/ }],
    ['fractional seq', { file: 'records', text: '{"seq":1.5,"jws":"a"}\n', line: 1, msg: /whole number/ }],
    ['string seq', { file: 'records', text: '{"seq":"1","jws":"a"}\n', line: 1, msg: /whole number/ }],
    [
      'seq beyond 2^53',
      { file: 'records', text: '{"seq":9007199254740993,"jws":"a"}\n', line: 1, msg: /whole number/ },
    ],
    ['leading zero', { file: 'records', text: '{"seq":01,"jws":"a"}\n', line: 1, msg: /not JSON/ }],
    ['numeric jws', { file: 'records', text: '{"seq":0,"jws":1}\n', line: 1, msg: /string/ }],
    ['not JSON', { file: 'records', text: GOOD + GOOD + 'seq=2 jws=a\n', line: 3, msg: /not JSON/ }],
    ['an array', { file: 'records', text: '[0,"a"]\n', line: 1, msg: /object/ }],
    ['blank line', { file: 'records', text: GOOD + '\n' + GOOD, line: 2, msg: /empty line/ }],
    [
      'CRLF line end',
      { file: 'records', text: '{"seq":0,"jws":"a"}\r\n', line: 1, msg: /not JSON|canonical/ },
    ],
    [
      'overlong line',
      {
        file: 'records',
        text: `{"seq":0,"jws":"${'a'.repeat(MAX_LINE_BYTES + 10)}"}\n`,
        line: 1,
        msg: /longer than/,
      },
    ],
    [
      'anchor members wrong',
      { file: 'anchors', text: '{"size":1,"checkpoint":"x"}\n', line: 1, msg: /exactly/ },
    ],
    [
      'anchor negative size',
      { file: 'anchors', text: '{"treeSize":-2,"checkpoint":"x"}\n', line: 1, msg: /whole number/ },
    ],
    [
      'anchor not JSON',
      { file: 'anchors', text: '{"treeSize":1,"checkpoint":"x"}\n{\n', line: 2, msg: /not JSON/ },
    ],
  ] as const)('%s', async (_name, { file, text, line, msg }) => {
    const dir = await bundle({ [file]: text });
    const b = await readBundle(dir);
    const it = file === 'records' ? b.records() : b.anchors();
    const err = (await collect(it as AsyncIterable<unknown>).catch((e: unknown) => e)) as Error & {
      code: string;
    };
    expect(err.code).toBe('ERR_BUNDLE');
    expect(err.message).toContain(`${join(dir, BUNDLE_FILES[file])}:${line}:`);
    expect(err.message).toMatch(msg);
    // the batch reader must refuse the same input in the same way
    if (file === 'records') {
      const err2 = (await collect(b.recordBatches(2)).catch((e: unknown) => e)) as Error & { code: string };
      expect(err2.code).toBe('ERR_BUNDLE');
      expect(err2.message).toBe(err.message);
      const err3 = (await collect(b.recordBytes()).catch((e: unknown) => e)) as Error & { code: string };
      expect(err3.code).toBe('ERR_BUNDLE');
      expect(err3.message).toBe(err.message);
    }
  });
});

describe('malformed manifest / keys / missing files → ERR_BUNDLE', () => {
  const key = (m: Record<string, unknown>) => JSON.stringify({ keys: [{ ...KEYS[0], ...m }] }) + '\n';
  it.each([
    ['manifest missing', { over: { manifest: null }, want: /manifest\.json: file is missing/ }],
    ['keys missing', { over: { keys: null }, want: /keys\.jwks\.json: file is missing/ }],
    ['records missing', { over: { records: null }, want: /records\.jsonl: file is missing/ }],
    ['anchors missing', { over: { anchors: null }, want: /anchors\.jsonl: file is missing/ }],
    ['manifest not JSON', { over: { manifest: '{\n' }, want: /not JSON/ }],
    ['manifest without final newline', { over: { manifest: '{}' }, want: /does not end/ }],
    [
      'wrong format',
      {
        over: { manifest: '{"format":"proofgate-bundle/2","origin":"o","noteKeys":[]}\n' },
        want: /#\/format: unsupported bundle format/,
      },
    ],
    [
      'unknown manifest member',
      {
        over: { manifest: '{"format":"proofgate-bundle/1","origin":"o","noteKeys":[],"x":1}\n' },
        want: /#\/x: unknown member/,
      },
    ],
    [
      'empty origin',
      {
        over: { manifest: '{"format":"proofgate-bundle/1","origin":"","noteKeys":[]}\n' },
        want: /#\/origin/,
      },
    ],
    [
      'noteKeys not strings',
      {
        over: { manifest: '{"format":"proofgate-bundle/1","origin":"o","noteKeys":[1]}\n' },
        want: /#\/noteKeys/,
      },
    ],
    ['keys not an array', { over: { keys: '{"keys":{}}\n' }, want: /#\/keys: must be an array/ }],
    ['key without kid', { over: { keys: key({ kid: undefined }) }, want: /#\/keys\/0\/kid/ }],
    [
      'key without valid_until',
      { over: { keys: key({ valid_until: undefined }) }, want: /#\/keys\/0\/valid_until: is required/ },
    ],
    [
      'key with a bad date',
      { over: { keys: key({ valid_from: '2026-01-01' }) }, want: /#\/keys\/0\/valid_from/ },
    ],
    [
      'private key material',
      { over: { keys: key({ d: 'secret' }) }, want: /#\/keys\/0\/d: private key material/ },
    ],
  ] as const)('%s', async (_name, { over, want }) => {
    const dir = await bundle(over);
    const err = (await readBundle(dir).catch((e: unknown) => e)) as Error & { code: string };
    expect(err.code).toBe('ERR_BUNDLE');
    expect(err.message).toMatch(want);
  });

  it('a missing folder', async () => {
    await expect(readBundle(join(root, 'nope'))).rejects.toMatchObject({ code: 'ERR_BUNDLE' });
  });
});
