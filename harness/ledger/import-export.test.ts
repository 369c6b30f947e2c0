import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient } from '../db/connect.js';
import { withDatabase } from '../db/redact.js';
import { withPostgres } from '../db/testing.js';
import { packagePath } from '../paths.js';
import { BUNDLE_FILES, type BundleRecord, type KeyBinding } from '../bundle/types.js';
import { writeBundle } from '../bundle/write-bundle.js';
import { exportBundle } from './export-bundle.js';
import { importBundle } from './import-bundle.js';
import { readKeys, readMeta, readRecordRange } from './read-ledger.js';
import { streamAnchors, streamRecordBytes, streamRecords } from './stream-records.js';
import { until } from '../testing/until.js';

const db = withPostgres();
let root: string;
let admin: pg.Client;
let n = 0;

/** A second empty database on the same server (dropped in afterAll). */
async function freshDb(): Promise<string> {
  const name = `${new URL(db.url).pathname.slice(1)}_x${n++}`;
  await admin.query(`CREATE DATABASE ${name}`);
  made.push(name);
  return withDatabase(db.url, name);
}
const made: string[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'proofgate-ledger-test-'));
  admin = await connectClient(db.url);
});
afterAll(async () => {
  for (const name of made) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin?.end();
  await rm(root, { recursive: true, force: true });
});

const KEYS: KeyBinding[] = [
  {
    kty: 'OKP',
    crv: 'Ed25519',
    x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
    kid: 'ed-2025',
    alg: 'EdDSA',
    use: 'sig',
    valid_from: '2025-01-01T00:00:00Z',
    valid_until: '2026-01-01T00:00:00Z',
    revoked_at: null,
  },
  {
    kty: 'EC',
    crv: 'P-256',
    x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
    y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
    kid: 'es-2026',
    alg: 'ES256',
    use: 'sig',
    valid_from: '2026-01-01T00:00:00.123456Z',
    valid_until: null,
    revoked_at: '2026-06-30T12:00:00.5Z',
  },
];

function records(
  count: number,
  jws = (seq: number) => `eyJhbGciOiJFZERTQSJ9.${seq.toString(36).padStart(40, 'x')}.sig${seq}`,
): BundleRecord[] {
  return Array.from({ length: count }, (_, seq) => ({ seq, jws: jws(seq) }));
}

async function makeBundle(
  name: string,
  recs: BundleRecord[],
  keys = KEYS,
  origin = 'example.com/log',
): Promise<string> {
  const dir = join(root, name);
  await writeBundle(dir, {
    origin,
    noteKeys: ['example.com/log+0a1b2c3d+AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA='],
    keys,
    records: recs,
    anchors: [...new Set([Math.min(recs.length, 10), recs.length])].map((treeSize) => ({
      treeSize,
      checkpoint: `${origin}\n${treeSize}\nq83vEjRWeJA=\n\n— ${origin} AAAA\n`,
    })),
  });
  return dir;
}

async function sameBytes(a: string, b: string): Promise<void> {
  for (const f of Object.values(BUNDLE_FILES)) {
    expect(await readFile(join(b, f), 'utf8'), f).toBe(await readFile(join(a, f), 'utf8'));
  }
}

describe('importBundle / exportBundle', () => {
  it('export → import → export is byte-identical (and equals the canonical source bundle)', async () => {
    // JWS texts with characters COPY text format must escape, as tampered data may carry them.
    const weird = records(300, (s) => (s % 50 === 7 ? `a\\b\tc\nd\re.\\.${s}` : `h.p${s}.s`));
    const src = await makeBundle('rt-src', weird);
    const url1 = await freshDb();
    expect(await importBundle(src, url1)).toEqual({
      origin: 'example.com/log',
      keys: 2,
      records: 300,
      anchors: 2,
    });
    const out1 = join(root, 'rt-out1');
    expect(await exportBundle(url1, out1)).toEqual({
      origin: 'example.com/log',
      keys: 2,
      records: 300,
      anchors: 2,
    });
    await sameBytes(src, out1);
    const url2 = await freshDb();
    await importBundle(out1, url2);
    const out2 = join(root, 'rt-out2');
    await exportBundle(url2, out2);
    await sameBytes(out1, out2);
    expect(await readKeys(url2)).toEqual([...KEYS].sort((a, b) => (a.kid < b.kid ? -1 : 1)));
    expect(await readMeta(url2)).toMatchObject({ origin: 'example.com/log' });
  });

  const FIXTURE = packagePath('fixtures', 'history', 'small');
  it.runIf(existsSync(FIXTURE))(
    'the committed signed fixture (history generator) round-trips byte for byte',
    async () => {
      const url = await freshDb();
      await importBundle(FIXTURE, url);
      const out = join(root, 'fixture-out');
      await exportBundle(url, out);
      await sameBytes(FIXTURE, out);
    },
  );

  it('an empty history round-trips', async () => {
    const src = await makeBundle('empty', []);
    const url = await freshDb();
    await importBundle(src, url);
    const out = join(root, 'empty-out');
    await exportBundle(url, out);
    await sameBytes(src, out);
    expect(await readRecordRange(url, 'example.com/log')).toEqual({ count: 0, minSeq: null, maxSeq: null });
  });

  it('refuses to import a log the ledger already holds (append-only, no merge)', async () => {
    const src = await makeBundle('twice', records(5));
    const url = await freshDb();
    await importBundle(src, url);
    await expect(importBundle(src, url)).rejects.toMatchObject({
      code: 'ERR_DATABASE',
      message: /already holds log/,
    });
    expect((await readRecordRange(url, 'example.com/log')).count).toBe(5);
  });

  it.each([
    ['offset instead of Z', { valid_from: '2026-01-01T00:00:00+00:00' }, /valid_from/],
    ['trailing zeros in the fraction', { valid_from: '2026-01-01T00:00:00.100Z' }, /valid_from/],
    ['a leap second', { valid_until: '2026-12-31T23:59:60Z' }, /valid_until/],
  ])(
    'refuses a timestamp the ledger cannot reproduce byte for byte: %s (ERR_BUNDLE, nothing imported)',
    async (_n, patch, want) => {
      const src = await makeBundle(`ts${n}`, records(3), [{ ...KEYS[0]!, ...patch }]);
      const url = await freshDb();
      const err = await importBundle(src, url).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'ERR_BUNDLE', message: want });
      await expect(readMeta(url)).rejects.toMatchObject({ code: 'ERR_DATABASE', message: /holds no log/ });
    },
  );

  it('refuses duplicate seqs (ERR_BUNDLE) and rolls back', async () => {
    const dup = [...records(4), { seq: 2, jws: 'x.y.z' }];
    const src = await makeBundle('dup', dup);
    const url = await freshDb();
    await expect(importBundle(src, url)).rejects.toMatchObject({
      code: 'ERR_BUNDLE',
      message: /duplicate seq/,
    });
    expect((await readRecordRange(url, 'example.com/log')).count).toBe(0);
  });

  it('refuses a kid bound twice in one bundle (ERR_BUNDLE)', async () => {
    const src = await makeBundle('rebind', records(2), [KEYS[0]!, { ...KEYS[0]!, x: 'other' }]);
    await expect(importBundle(src, await freshDb())).rejects.toMatchObject({
      code: 'ERR_BUNDLE',
      message: /bound twice/,
    });
  });

  it('a malformed bundle is ERR_BUNDLE with file:line, and nothing is imported', async () => {
    const src = await makeBundle('bad', records(5));
    const f = join(src, 'records.jsonl');
    await writeFile(f, (await readFile(f, 'utf8')).replace('{"seq":3,', '{"seq":3 ,'));
    const url = await freshDb();
    const err = await importBundle(src, url).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ERR_BUNDLE' });
    expect((err as Error).message).toContain(`${f}:4:`);
    await expect(readMeta(url)).rejects.toMatchObject({ code: 'ERR_DATABASE' });
  });

  it('export from a database without a ledger is ERR_DATABASE with a hint', async () => {
    const err = await exportBundle(await freshDb(), join(root, 'none')).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ERR_DATABASE', hint: /no proofgate ledger/ });
  });

  it('import to an unreachable server is ERR_DATABASE', async () => {
    const src = await makeBundle('unreach', records(1));
    await expect(importBundle(src, 'postgres://u:p@127.0.0.1:1/x')).rejects.toMatchObject({
      code: 'ERR_DATABASE',
    });
  });
});

describe('streamRecords', () => {
  let url: string;
  const N = 5_000;
  // Long JWS texts so rows straddle network chunk boundaries.
  const jwsOf = (s: number) => `hdr.${'p'.repeat(s % 997)}é.sig${s}`;
  beforeAll(async () => {
    url = await freshDb();
    await importBundle(await makeBundle('stream', records(N, jwsOf)), url);
  });

  it.each([
    ['whole log, default batches', { opts: {}, want: [0, N - 1], batches: 1 }],
    ['batches of 777', { opts: { batchSize: 777 }, want: [0, N - 1], batches: Math.ceil(N / 777) }],
    ['a range', { opts: { fromSeq: 100, toSeq: 1_099, batchSize: 300 }, want: [100, 1_099], batches: 4 }],
    ['from only', { opts: { fromSeq: N - 3 }, want: [N - 3, N - 1], batches: 1 }],
    ['beyond the end', { opts: { fromSeq: N + 10 }, want: null, batches: 0 }],
  ] as const)('%s', async (_n, { opts, want, batches }) => {
    const got: number[] = [];
    let b = 0;
    for await (const batch of streamRecords(url, { log: 'example.com/log', ...opts })) {
      b++;
      expect(batch.seqs.length).toBe(batch.jws.length);
      for (let i = 0; i < batch.jws.length; i++) {
        got.push(batch.seqs[i]!);
        expect(batch.jws[i]).toBe(jwsOf(batch.seqs[i]!));
      }
    }
    expect(b).toBe(batches);
    if (want === null) expect(got).toEqual([]);
    else expect(got).toEqual(Array.from({ length: want[1] - want[0] + 1 }, (_, i) => want[0] + i));
  });

  it('another log in the same ledger is not mixed in', async () => {
    let count = 0;
    for await (const b of streamRecords(url, { log: 'other/log' })) count += b.jws.length;
    expect(count).toBe(0);
  });

  it('anchors stream in tree-size order', async () => {
    const a = [];
    for await (const x of streamAnchors(url, { log: 'example.com/log' })) a.push(x.treeSize);
    expect(a).toEqual([10, N]);
  });

  it('stopping early with a URL closes its own connection (no COPY left running)', async () => {
    for await (const b of streamRecords(url, { log: 'example.com/log', batchSize: 100 })) {
      expect(b.jws.length).toBe(100);
      break;
    }
    const c = await connectClient(url);
    try {
      // The server ends the backend after the client has gone: wait for that, however long it takes.
      await until(async () => {
        const r = await c.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'COPY (SELECT seq, jws%' AND pid <> pg_backend_pid()`,
        );
        return r.rows[0]!.n === 0;
      });
    } finally {
      await c.end();
    }
  });

  it('streamRecordBytes gives the same records as stored bytes', async () => {
    const got: [number, string][] = [];
    for await (const b of streamRecordBytes(url, { log: 'example.com/log', fromSeq: 10, toSeq: 2_009 })) {
      b.seqs.forEach((s, i) => got.push([s, b.bytes.toString('utf8', b.starts[i], b.ends[i])]));
    }
    expect(got).toEqual(Array.from({ length: 2_000 }, (_, i) => [10 + i, jwsOf(10 + i)]));
  });

  it('import leaves fresh statistics (ANALYZE), so plans over the new rows fit their size', async () => {
    const c = await connectClient(url);
    try {
      const r = await c.query<{ n: string }>(
        `SELECT n_live_tup::text AS n FROM pg_stat_user_tables WHERE relname = 'ledger_records' AND last_analyze IS NOT NULL`,
      );
      expect(r.rows).toHaveLength(1);
    } finally {
      await c.end();
    }
  });

  it('stopping early on a caller-owned client leaves it usable, its planner settings restored', async () => {
    const c = await connectClient(url);
    const jitBefore = (await c.query('SHOW jit')).rows[0].jit as string;
    try {
      for await (const b of streamRecords(c, { log: 'example.com/log', batchSize: 100 })) {
        expect(b.jws.length).toBe(100);
        break;
      }
      const r = await c.query('SELECT count(*)::int AS n FROM ledger_records');
      expect(r.rows[0].n).toBe(N);
      expect((await c.query('SHOW enable_sort')).rows[0].enable_sort).toBe('on');
      expect((await c.query('SHOW jit')).rows[0].jit).toBe(jitBefore);
    } finally {
      await c.end();
    }
  });

  it('a connection terminated mid-stream is ERR_DATABASE, never a short success', async () => {
    const big = await freshDb();
    await importBundle(await makeBundle('big', records(200_000)), big);
    const c = await connectClient(big);
    const pid = (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const killer = await connectClient(big);
    let seen = 0;
    const err = await (async () => {
      for await (const b of streamRecords(c, { log: 'example.com/log', batchSize: 1_000 })) {
        if (seen === 0) await killer.query('SELECT pg_terminate_backend($1)', [pid]);
        seen += b.jws.length;
      }
    })().catch((e: unknown) => e);
    await killer.end();
    await c.end().catch(() => undefined);
    expect(err).toMatchObject({ code: 'ERR_DATABASE', exitCode: 2 });
    expect(seen).toBeLessThan(200_000);
  });
});
