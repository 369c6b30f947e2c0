import { writeBundle } from '../../bundle/write-bundle.js';
import type { RecordProfile } from '../../proofs/index.js';
import type { ExportResult } from '../export-bundle.js';
import { beginSnapshot, endSnapshot } from '../snapshot.js';
import { withSource, type LedgerSource } from '../source.js';
import { streamInt8TextRows } from '../stream-rows.js';
import { mapMappedError } from './map-mapped-error.js';
import { readMappedKeys } from './read-mapped.js';
import { anchorsSql, recordsSql, type SourceMapping } from './source-mapping.js';

const MAX_SEQ = 9_223_372_036_854_775_807n;

/**
 * A team's ledger as a bundle, read through its source mapping from one READ ONLY REPEATABLE READ
 * snapshot: tokens byte for byte (never re-signed or converted), keys in binding form, anchors, and
 * the record profile in the manifest so the bundle verifies offline as the database does.
 */
export async function exportThroughMapping(
  source: LedgerSource,
  dir: string,
  mapping: SourceMapping,
  profile: RecordProfile | undefined,
): Promise<ExportResult> {
  return withSource(source, async (c) => {
    // The same snapshot as every ledger read: READ ONLY, REPEATABLE READ, bounded timeouts.
    await beginSnapshot(c);
    try {
      const keys = await readMappedKeys(c, mapping);
      // Probe the anchors first: a missing table is a mapping problem, named as such.
      await c.query(`SELECT * FROM (${anchorsSql(mapping)}) AS probe LIMIT 0`);
      const records = async function* () {
        for await (const b of streamInt8TextRows(
          c,
          () => recordsSql(mapping, 0, MAX_SEQ),
          20_000,
          'exporting the mapped records',
        ))
          yield { seqs: b.nums, jws: b.texts };
      };
      const anchors = async function* () {
        for await (const b of streamInt8TextRows(
          c,
          () => anchorsSql(mapping),
          1_000,
          'exporting the mapped anchors',
        ))
          for (let i = 0; i < b.texts.length; i++) yield { treeSize: b.nums[i]!, checkpoint: b.texts[i]! };
      };
      const written = await writeBundle(dir, {
        origin: mapping.origin,
        noteKeys: mapping.noteKeys,
        keys,
        records: records(),
        anchors: anchors(),
        ...(profile ? { profile } : {}),
      });
      await endSnapshot(c);
      return { origin: mapping.origin, keys: keys.length, ...written };
    } catch (cause) {
      await endSnapshot(c);
      throw mapMappedError(`exporting to ${dir} through the source mapping`, cause);
    }
  });
}
