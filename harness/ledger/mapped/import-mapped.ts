import type pg from 'pg';
import { InputError } from '../../errors/index.js';
import { readBundle } from '../../bundle/read-bundle.js';
import { withSessionTimeouts } from '../snapshot.js';
import { withSource, type LedgerSource } from '../source.js';
import type { ImportResult } from '../import-bundle.js';
import { mapMappedError } from './map-mapped-error.js';
import { quoteName, type SourceMapping } from './source-mapping.js';

const q1 = (n: string) => quoteName(n, 1) as string;
const q2 = (n: string) => quoteName(n, 2) as string;
const VALIDITY = new Set(['kid', 'alg', 'valid_from', 'valid_until', 'revoked_at']);

/**
 * Writes a bundle into the team's own tables through a (table-form) source mapping, in one
 * transaction: the way a rehearsal loads history into the schema the base release created. It
 * never creates a table; a missing one is the caller's finding, not something to paper over.
 */
export async function importThroughMapping(
  dir: string,
  mapping: SourceMapping,
  target: LedgerSource,
): Promise<ImportResult> {
  const { records: r, keys: k, anchors: a } = mapping;
  if (!('table' in r) || !('table' in k) || !('table' in a)) {
    throw new InputError(
      'ERR_INPUT',
      'a bundle can be written only through table mappings (ledger.source.*.table)',
      {
        hint: 'with query mappings, load the history with the team’s own load command (rehearsal.load)',
      },
    );
  }
  const bundle = await readBundle(dir);
  if (bundle.manifest.origin !== mapping.origin) {
    throw new InputError(
      'ERR_INPUT',
      `the bundle is the log ${JSON.stringify(bundle.manifest.origin)}, the mapping's is ${JSON.stringify(mapping.origin)}`,
      { hint: 'load the history of the mapped log (ledger.source.origin)' },
    );
  }
  const write = async (c: pg.Client): Promise<ImportResult> => {
    let records = 0;
    let anchors = 0;
    try {
      await c.query('BEGIN');
      for (const key of bundle.keys) {
        const jwk: Record<string, unknown> = {};
        for (const [m, v] of Object.entries(key)) if (!VALIDITY.has(m)) jwk[m] = v;
        const cols = [
          k.kid,
          k.alg,
          k.jwk,
          k.validFrom,
          ...(k.validUntil ? [k.validUntil] : []),
          ...(k.revokedAt ? [k.revokedAt] : []),
        ];
        const vals = [
          key.kid,
          key.alg,
          JSON.stringify(jwk),
          key.valid_from,
          ...(k.validUntil ? [key.valid_until] : []),
          ...(k.revokedAt ? [key.revoked_at] : []),
        ];
        await c.query(
          `INSERT INTO ${q2(k.table)} (${cols.map(q1).join(', ')}) VALUES (${vals.map((_, i) => `$${i + 1}`).join(', ')})`,
          vals,
        );
      }
      const insertRecords = `INSERT INTO ${q2(r.table)} (${q1(r.seq)}, ${q1(r.token)}) SELECT * FROM unnest($1::int8[], $2::text[])`;
      for await (const b of bundle.recordBatches(5_000)) {
        await c.query(insertRecords, [Array.from(b.seqs), b.jws]);
        records += b.jws.length;
      }
      for await (const an of bundle.anchors()) {
        await c.query(`INSERT INTO ${q2(a.table)} (${q1(a.size)}, ${q1(a.note)}) VALUES ($1, $2)`, [
          an.treeSize,
          an.checkpoint,
        ]);
        anchors++;
      }
      await c.query('COMMIT');
    } catch (cause) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw mapMappedError(`writing ${dir} through the source mapping`, cause);
    }
    try {
      // As a production table would be: vacuumed, with statistics (the verification reads it next).
      await c.query(`VACUUM (ANALYZE) ${[r.table, k.table, a.table].map(q2).join(', ')}`);
    } catch (cause) {
      throw mapMappedError('vacuuming the mapped tables', cause);
    }
    return { origin: mapping.origin, keys: bundle.keys.length, records, anchors };
  };
  // Bounded lock and statement waits (the default timeouts): a locked team table is exit 2, not a hang.
  return withSource(target, (c: pg.Client) => withSessionTimeouts(c, {}, () => write(c)));
}
