import { connectClient } from '../db/connect.js';
import { readDatabaseLocation } from '../db/database-location.js';
import { readServerInfo } from '../db/server-info.js';
import type { BundleAnchor } from '../bundle/index.js';
import { beginSnapshot, endSnapshot, type SnapshotOptions } from '../ledger/snapshot.js';
import { streamInt8ByteRows, streamInt8TextRows } from '../ledger/stream-rows.js';
import { readMappedKeys, readMappedMaxSeq } from '../ledger/mapped/read-mapped.js';
import { mapMappedError } from '../ledger/mapped/map-mapped-error.js';
import {
  anchorsSql,
  mappingDigest,
  recordsSql,
  type SourceMapping,
} from '../ledger/mapped/source-mapping.js';
import type { RecordProfile } from '../proofs/index.js';
import type { LogSource } from './source.js';

/**
 * A team's own ledger tables (or queries) as a log source, read through a source mapping. As for
 * proofgate's own tables: ONE connection and ONE `READ ONLY`, `REPEATABLE READ` transaction with
 * bounded lock/statement timeouts and search_path = pg_catalog (so mapped names must be
 * schema-qualified) for keys, anchors and the binary COPY of the records. `close()` ends it.
 */
export async function mappedDatabaseSource(
  url: string,
  mapping: SourceMapping,
  profile: RecordProfile | undefined,
  options: SnapshotOptions = {},
): Promise<LogSource> {
  const client = await connectClient(url);
  let keys: unknown[];
  let anchors: BundleAnchor[];
  let maxSeq: number | null;
  let serverVersion: string;
  let location: string;
  try {
    await beginSnapshot(client, options);
    serverVersion = (await readServerInfo(client)).serverVersion;
    location = await readDatabaseLocation(client);
    keys = await readMappedKeys(client, mapping);
    maxSeq = await readMappedMaxSeq(client, mapping);
    anchors = [];
    try {
      // Probe first: a missing anchor table must be named as a mapping problem (stream errors are generic).
      await client.query(`SELECT * FROM (${anchorsSql(mapping)}) AS probe LIMIT 0`);
    } catch (cause) {
      throw mapMappedError('reading the mapped anchors (ledger.source.anchors)', cause);
    }
    for await (const b of streamInt8TextRows(
      client,
      () => anchorsSql(mapping),
      1_000,
      'reading the mapped anchors',
    )) {
      for (let i = 0; i < b.texts.length; i++)
        anchors.push({ treeSize: b.nums[i]!, checkpoint: b.texts[i]! });
    }
  } catch (e) {
    await endSnapshot(client);
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
    extent: async () => (maxSeq === null ? 0 : maxSeq + 1),
    batches: (from, to) => streamRange(client, mapping, from, to),
    anchors: async function* () {
      yield* anchors;
    },
    // As for proofgate's own tables, shards are tied by where the data lives (plus extent, keys
    // and anchors), and here also by what the mapping reads there.
    fingerprint: async () => ({ location, mappingDigest: mappingDigest(mapping) }),
    close: async () => {
      await endSnapshot(client);
      await client.end().catch(() => undefined);
    },
  };
}

async function* streamRange(
  client: Parameters<typeof streamInt8ByteRows>[0],
  mapping: SourceMapping,
  from: number,
  to: number,
): AsyncGenerator<{ seqs: number[]; bytes: Buffer; starts: number[]; ends: number[] }> {
  if (to <= from) return;
  const what = `streaming the mapped records (${'table' in mapping.records ? mapping.records.table : 'query'})`;
  try {
    for await (const r of streamInt8ByteRows(client, () => recordsSql(mapping, from, to - 1), what)) {
      yield { seqs: r.nums, bytes: r.bytes, starts: r.starts, ends: r.ends };
    }
  } catch (cause) {
    throw mapMappedError(what, cause);
  }
}
