import { connectClient } from '../db/connect.js';
import { readDatabaseLocation } from '../db/database-location.js';
import { readServerInfo } from '../db/server-info.js';
import {
  beginSnapshot,
  DEFAULT_LEDGER_SCHEMA,
  endSnapshot,
  readKeys,
  readMeta,
  readMaxSeq,
  streamAnchors,
  streamRecordBytes,
  type SnapshotOptions,
} from '../ledger/index.js';
import type { LogSource } from './source.js';

export interface DatabaseSourceOptions extends SnapshotOptions {
  /** The log to read when the ledger holds more than one. */
  origin?: string | undefined;
  /** Schema of the ledger tables (default `public`); names are always schema-qualified. */
  schema?: string | undefined;
}

/**
 * A ledger database as a log source. ONE connection and ONE `READ ONLY`, `REPEATABLE READ`
 * transaction for the whole run (metadata, keys, anchors and the binary COPY of every shard
 * range): the run sees one snapshot, however the ledger changes meanwhile. `close()` ends it.
 */
export async function databaseSource(
  url: string,
  options: string | DatabaseSourceOptions = {},
): Promise<LogSource> {
  const o: DatabaseSourceOptions = typeof options === 'string' ? { origin: options } : options;
  const names = { schema: o.schema };
  const client = await connectClient(url);
  try {
    await beginSnapshot(client, o);
    const info = await readServerInfo(client);
    const meta = await readMeta(client, o.origin, names);
    const keys = await readKeys(client, names);
    const maxSeq = await readMaxSeq(client, meta.origin, names);
    const location = `${await readDatabaseLocation(client)}/${o.schema ?? DEFAULT_LEDGER_SCHEMA}`;
    return {
      description: { kind: 'database', provider: 'url', serverVersion: info.serverVersion },
      origin: meta.origin,
      noteKeys: meta.noteKeys,
      keys,
      extent: async () => (maxSeq === null ? 0 : maxSeq + 1),
      // Stored bytes go to the workers as they are: no row is decoded on the main thread.
      batches: (from, to) =>
        streamRecordBytes(client, {
          ...names,
          log: meta.origin,
          fromSeq: from,
          toSeq: Math.max(from, to) - 1,
        }),
      anchors: () => streamAnchors(client, { ...names, log: meta.origin }),
      // No cheap digest of all rows here (a shard reads only its range): shards of one database
      // are tied by location, extent, keys and anchors.
      fingerprint: async () => ({ location }),
      close: async () => {
        await endSnapshot(client);
        await client.end().catch(() => undefined);
      },
    };
  } catch (e) {
    await client.end().catch(() => undefined);
    throw e;
  }
}
