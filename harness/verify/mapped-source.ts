import type pg from 'pg';
import { connectClient } from '../db/connect.js';
import { readServerInfo } from '../db/server-info.js';
import type { BundleAnchor } from '../bundle/index.js';
import { streamInt8ByteRows, streamInt8TextRows } from '../ledger/stream-rows.js';
import { readMappedKeys, readMappedRange } from '../ledger/mapped/read-mapped.js';
import { mapMappedError } from '../ledger/mapped/map-mapped-error.js';
import { anchorsSql, recordsSql, type SourceMapping } from '../ledger/mapped/source-mapping.js';
import type { RecordProfile } from '../proofs/index.js';
import type { LogSource } from './source.js';

const MAX_SEQ = 9_223_372_036_854_775_807n;

/**
 * A team's own ledger tables (or queries) as a log source, read through a source mapping. The
 * whole run reads one snapshot: a READ ONLY REPEATABLE READ transaction exports it, and every
 * record stream (a binary COPY on its own connection) imports it, so keys, anchors and records
 * agree even while the team's service keeps appending.
 */
export async function mappedDatabaseSource(
  url: string,
  mapping: SourceMapping,
  profile: RecordProfile | undefined,
): Promise<LogSource> {
  const client = await connectClient(url);
  let snapshot: string;
  let keys: unknown[];
  let anchors: BundleAnchor[];
  let range: Awaited<ReturnType<typeof readMappedRange>>;
  let serverVersion: string;
  try {
    serverVersion = (await readServerInfo(client)).serverVersion;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      snapshot = (await client.query<{ s: string }>('SELECT pg_export_snapshot() AS s')).rows[0]!.s;
    } catch (cause) {
      throw mapMappedError('starting the verification snapshot', cause);
    }
    keys = await readMappedKeys(client, mapping);
    range = await readMappedRange(client, mapping);
    anchors = [];
    try {
      // Probe first: a missing anchor table must be named as a mapping problem (stream errors are generic).
      await client.query(`SELECT * FROM (${anchorsSql(mapping)}) AS probe LIMIT 0`);
    } catch (cause) {
      throw mapMappedError('reading the mapped anchors (ledger.source.anchors)', cause);
    }
    try {
      for await (const b of streamInt8TextRows(
        client,
        () => anchorsSql(mapping),
        1_000,
        'reading the mapped anchors',
      )) {
        for (let i = 0; i < b.texts.length; i++)
          anchors.push({ treeSize: b.nums[i]!, checkpoint: b.texts[i]! });
      }
    } catch (cause) {
      throw mapMappedError('reading the mapped anchors (ledger.source.anchors)', cause);
    }
  } catch (e) {
    await client.end().catch(() => undefined);
    throw e;
  }
  const name = 'table' in mapping.records ? mapping.records.table : 'query';
  return {
    description: { kind: 'database', provider: 'url', serverVersion, mapping: name },
    origin: mapping.origin,
    noteKeys: mapping.noteKeys,
    keys,
    ...(profile ? { profile } : {}),
    extent: async () => (range.maxSeq === null ? 0 : range.maxSeq + 1),
    batches: (from, to) => streamInSnapshot(url, snapshot, mapping, from, to),
    anchors: async function* () {
      yield* anchors;
    },
    close: async () => {
      await client.query('COMMIT').catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}

async function* streamInSnapshot(
  url: string,
  snapshot: string,
  mapping: SourceMapping,
  from: number,
  to: number,
): AsyncGenerator<{ seqs: number[]; bytes: Buffer; starts: number[]; ends: number[] }> {
  if (to <= from) return;
  const c: pg.Client = await connectClient(url);
  try {
    try {
      await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await c.query(`SET TRANSACTION SNAPSHOT ${c.escapeLiteral(snapshot)}`);
    } catch (cause) {
      throw mapMappedError('joining the verification snapshot', cause);
    }
    const hi = BigInt(to) - 1n > MAX_SEQ ? MAX_SEQ : BigInt(to) - 1n;
    const what = `streaming the mapped records (${'table' in mapping.records ? mapping.records.table : 'query'})`;
    try {
      for await (const r of streamInt8ByteRows(c, () => recordsSql(mapping, from, hi), what)) {
        yield { seqs: r.nums, bytes: r.bytes, starts: r.starts, ends: r.ends };
      }
    } catch (cause) {
      throw mapMappedError(what, cause);
    }
    await c.query('COMMIT').catch(() => undefined);
  } finally {
    await c.end().catch(() => undefined);
  }
}
