import { connectClient } from '../db/connect.js';
import { readServerInfo } from '../db/server-info.js';
import { readKeys, readMeta, readRecordRange, streamAnchors, streamRecordBytes } from '../ledger/index.js';
import type { LogSource } from './source.js';

/**
 * A ledger database as a log source. Reads only: one connection for metadata, and one streaming
 * binary COPY per shard range (ordered by seq, so rows never arrive out of order).
 */
export async function databaseSource(url: string, origin?: string): Promise<LogSource> {
  const client = await connectClient(url);
  try {
    const info = await readServerInfo(client);
    const meta = await readMeta(client, origin);
    const keys = await readKeys(client);
    const range = await readRecordRange(client, meta.origin);
    return {
      description: { kind: 'database', provider: 'url', serverVersion: info.serverVersion },
      origin: meta.origin,
      noteKeys: meta.noteKeys,
      keys,
      extent: async () => (range.maxSeq === null ? 0 : range.maxSeq + 1),
      // Stored bytes go to the workers as they are: no row is decoded on the main thread.
      batches: (from, to) =>
        streamRecordBytes(url, { log: meta.origin, fromSeq: from, toSeq: Math.max(from, to) - 1 }),
      anchors: () => streamAnchors(url, { log: meta.origin }),
      close: async () => {},
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}
