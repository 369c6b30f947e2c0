import { InfraError } from '../errors/index.js';
import { BUNDLE_FORMAT, type BundleManifest, type KeyBinding } from '../bundle/types.js';
import { rowToKey, sqlTimestamp, type KeyRow } from './key-row.js';
import { mapDbError } from './map-db-error.js';
import { withSource, type LedgerSource } from './source.js';
import { qualify } from './sql-name.js';

/** Where the ledger tables are (default schema `public`); names are always schema-qualified. */
export interface LedgerNames {
  schema?: string | undefined;
}

/** Every key binding ever recorded, sorted by kid (code-unit order, as bundles are). */
export async function readKeys(source: LedgerSource, names: LedgerNames = {}): Promise<KeyBinding[]> {
  const table = qualify('ledger_keys', names.schema);
  return withSource(source, async (c) => {
    try {
      const r = await c.query<KeyRow>(
        `SELECT kid, alg, public_jwk, ${sqlTimestamp('valid_from')} AS valid_from, ${sqlTimestamp('valid_until')} AS valid_until, ${sqlTimestamp('revoked_at')} AS revoked_at FROM ${table}`,
      );
      return r.rows.map(rowToKey).sort((a, b) => (a.kid < b.kid ? -1 : a.kid > b.kid ? 1 : 0));
    } catch (cause) {
      throw mapDbError(`reading ${table}`, cause, { table });
    }
  });
}

/**
 * The log's manifest (origin + note keys). Without `origin` the ledger must hold exactly one log.
 */
export async function readMeta(
  source: LedgerSource,
  origin?: string,
  names: LedgerNames = {},
): Promise<BundleManifest> {
  const table = qualify('ledger_meta', names.schema);
  return withSource(source, async (c) => {
    let rows: { origin: string; note_keys: string[] }[];
    try {
      rows = (
        await c.query<{ origin: string; note_keys: string[] }>(
          origin === undefined
            ? `SELECT origin, note_keys FROM ${table} ORDER BY origin`
            : `SELECT origin, note_keys FROM ${table} WHERE origin = $1`,
          origin === undefined ? [] : [origin],
        )
      ).rows;
    } catch (cause) {
      throw mapDbError(`reading ${table}`, cause, { table });
    }
    const [one, ...more] = rows;
    if (!one) {
      throw new InfraError(
        'ERR_DATABASE',
        origin === undefined
          ? 'the ledger holds no log'
          : `the ledger holds no log ${JSON.stringify(origin)}`,
        {
          hint: 'import a bundle first (`proofgate import`), or check --database-url / --origin',
        },
      );
    }
    if (more.length > 0) {
      throw new InfraError(
        'ERR_DATABASE',
        `the ledger holds ${rows.length} logs (${rows.map((r) => r.origin).join(', ')})`,
        {
          hint: 'name one with --origin',
        },
      );
    }
    return { format: BUNDLE_FORMAT, origin: one.origin, noteKeys: one.note_keys };
  });
}

export interface RecordRange {
  count: number;
  minSeq: number | null;
  maxSeq: number | null;
}

/**
 * The highest seq of a log (null when it has none): one descent of the primary key index. What a
 * verification needs to plan its range; `readRecordRange`'s count reads every row (a parallel scan
 * of a million rows took ~0.1 s of both cores, with the verification workers waiting).
 */
export async function readMaxSeq(
  source: LedgerSource,
  log: string,
  names: LedgerNames = {},
): Promise<number | null> {
  const table = qualify('ledger_records', names.schema);
  return withSource(source, async (c) => {
    try {
      const r = await c.query<{ hi: string | null }>(`SELECT max(seq) AS hi FROM ${table} WHERE log = $1`, [
        log,
      ]);
      const hi = r.rows[0]!.hi;
      return hi === null ? null : Number(hi);
    } catch (cause) {
      throw mapDbError(`reading ${table}`, cause, { table });
    }
  });
}

/** count/min/max seq of a log (for planning shards; uses the primary key index). */
export async function readRecordRange(
  source: LedgerSource,
  log: string,
  names: LedgerNames = {},
): Promise<RecordRange> {
  const table = qualify('ledger_records', names.schema);
  return withSource(source, async (c) => {
    try {
      const r = await c.query<{ n: string; lo: string | null; hi: string | null }>(
        `SELECT count(*) AS n, min(seq) AS lo, max(seq) AS hi FROM ${table} WHERE log = $1`,
        [log],
      );
      const row = r.rows[0]!;
      return {
        count: Number(row.n),
        minSeq: row.lo === null ? null : Number(row.lo),
        maxSeq: row.hi === null ? null : Number(row.hi),
      };
    } catch (cause) {
      throw mapDbError(`reading ${table}`, cause, { table });
    }
  });
}
