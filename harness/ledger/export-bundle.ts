import { writeBundle } from '../bundle/write-bundle.js';
import { mapDbError } from './map-db-error.js';
import { readKeys, readMeta } from './read-ledger.js';
import { beginSnapshot, endSnapshot, type SnapshotOptions } from './snapshot.js';
import { withSource, type LedgerSource } from './source.js';
import { streamAnchors, streamRecords } from './stream-records.js';

export interface ExportResult {
  origin: string;
  keys: number;
  records: number;
  anchors: number;
}

/**
 * Writes one log of the ledger as a bundle, from one REPEATABLE READ snapshot so meta, keys,
 * records and anchors are mutually consistent even while the service keeps appending.
 */
export async function exportBundle(
  source: LedgerSource,
  dir: string,
  options: { origin?: string } & SnapshotOptions = {},
): Promise<ExportResult> {
  return withSource(source, async (c) => {
    await beginSnapshot(c, options);
    try {
      const meta = await readMeta(c, options.origin);
      const keys = await readKeys(c);
      const written = await writeBundle(dir, {
        origin: meta.origin,
        noteKeys: meta.noteKeys,
        keys,
        records: streamRecords(c, { log: meta.origin, batchSize: 20_000 }),
        anchors: streamAnchors(c, { log: meta.origin }),
      });
      await endSnapshot(c);
      return { origin: meta.origin, keys: keys.length, ...written };
    } catch (cause) {
      await endSnapshot(c);
      throw mapDbError(`exporting to ${dir}`, cause);
    }
  });
}
