import type pg from 'pg';
import type { KeyBinding } from '../../bundle/types.js';
import { mapMappedError as mapDbError } from './map-mapped-error.js';
import { keysSql, maxSeqSql, rangeSql, type SourceMapping } from './source-mapping.js';
import type { RecordRange } from '../read-ledger.js';

interface MappedKeyRow {
  kid: string | null;
  alg: string | null;
  jwk: string | null;
  valid_from: string | null;
  valid_until: string | null;
  revoked_at: string | null;
}

/**
 * Key bindings from the team's key table or query, in proofgate's binding form: the JWK column's
 * members (an absent `use` read as "sig"), then kid, alg and validity from their own columns (those win). A JWK that is not a
 * JSON object keeps no members, so the binding is reported invalid, never skipped.
 */
export async function readMappedKeys(client: pg.Client, m: SourceMapping): Promise<KeyBinding[]> {
  let rows: MappedKeyRow[];
  try {
    rows = (await client.query<MappedKeyRow>(keysSql(m))).rows;
  } catch (cause) {
    throw mapDbError('reading the mapped key bindings (ledger.source.keys)', cause);
  }
  return rows
    .map((r) => {
      let jwk: Record<string, unknown> = {};
      try {
        const v = JSON.parse(r.jwk ?? 'null') as unknown;
        if (v !== null && typeof v === 'object' && !Array.isArray(v)) jwk = v as Record<string, unknown>;
      } catch {
        // not JSON: no members (bindKey reports the binding invalid)
      }
      return {
        ...jwk,
        kty: typeof jwk.kty === 'string' ? jwk.kty : '',
        // `use` is optional in a team's JWK; absent means a signing key (a present one must be "sig").
        use: jwk.use === undefined ? 'sig' : jwk.use,
        kid: r.kid ?? '',
        alg: r.alg ?? '',
        valid_from: r.valid_from ?? '',
        valid_until: r.valid_until,
        revoked_at: r.revoked_at,
      } as KeyBinding;
    })
    .sort((a, b) => (a.kid < b.kid ? -1 : a.kid > b.kid ? 1 : 0));
}

/** The highest mapped seq (null when there is none): what a verification needs of the range. */
export async function readMappedMaxSeq(client: pg.Client, m: SourceMapping): Promise<number | null> {
  try {
    const hi = (await client.query<{ hi: string | null }>(maxSeqSql(m))).rows[0]!.hi;
    return hi === null ? null : Number(hi);
  } catch (cause) {
    throw mapDbError('reading the mapped records (ledger.source.records)', cause);
  }
}

export async function readMappedRange(client: pg.Client, m: SourceMapping): Promise<RecordRange> {
  try {
    const row = (await client.query<{ n: string; lo: string | null; hi: string | null }>(rangeSql(m)))
      .rows[0]!;
    return {
      count: Number(row.n),
      minSeq: row.lo === null ? null : Number(row.lo),
      maxSeq: row.hi === null ? null : Number(row.hi),
    };
  } catch (cause) {
    throw mapDbError('reading the mapped records (ledger.source.records)', cause);
  }
}
