import { canonicalDigest } from '../../report/canonical-json.js';
import { sqlTimestamp } from '../key-row.js';

/**
 * Where a team's ledger lives in its own database (DESIGN §6): tables and columns, or SQL
 * queries, for records, keys and anchors. Origin and note keys come from configuration (the
 * team's tables need not hold them). Table names must be schema-qualified.
 */
export interface SourceMapping {
  origin: string;
  noteKeys: string[];
  records: { table: string; seq: string; token: string } | { query: string };
  keys:
    | {
        table: string;
        kid: string;
        alg: string;
        /** A json/jsonb/text column holding the public JWK (kty, crv, x[, y]). */
        jwk: string;
        validFrom: string;
        validUntil?: string;
        revokedAt?: string;
      }
    | { query: string };
  anchors: { table: string; size: string; note: string } | { query: string };
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_$]*$/;

/** "schema.table" or "column" as quoted SQL identifiers; undefined when it is not a plain name. */
export function quoteName(name: string, parts: 1 | 2): string | undefined {
  const p = name.split('.');
  if (p.length !== parts || !p.every((x) => IDENT.test(x))) return undefined;
  return p.map((x) => `"${x}"`).join('.');
}

/** A timestamptz expression → the canonical RFC 3339 text bundles use (bracketed: any expression). */
const ts = (expr: string): string => sqlTimestamp(`(${expr})`);

// Validated mappings only reach these: names are checked by quoteName before.
const q1 = (n: string) => quoteName(n, 1) as string;
const q2 = (n: string) => quoteName(n, 2) as string;

/** The mapped records as (seq int8, token text) rows, seq in [from, to], ascending. */
export function recordsSql(m: SourceMapping, from: number, to: number | bigint): string {
  const r = m.records;
  return 'query' in r
    ? `SELECT q.seq::int8, q.token::text FROM (${r.query}) AS q(seq, token) WHERE q.seq BETWEEN ${from} AND ${to} ORDER BY q.seq`
    : `SELECT ${q1(r.seq)}::int8, ${q1(r.token)}::text FROM ${q2(r.table)} WHERE ${q1(r.seq)} BETWEEN ${from} AND ${to} ORDER BY ${q1(r.seq)}`;
}

/** The highest seq (an index descent where the seq column is indexed; no count of every row). */
export function maxSeqSql(m: SourceMapping): string {
  const r = m.records;
  return 'query' in r
    ? `SELECT max(q.seq)::int8 AS hi FROM (${r.query}) AS q(seq, token)`
    : `SELECT max(${q1(r.seq)})::int8 AS hi FROM ${q2(r.table)}`;
}

export function rangeSql(m: SourceMapping): string {
  const r = m.records;
  return 'query' in r
    ? `SELECT count(*) AS n, min(q.seq)::int8 AS lo, max(q.seq)::int8 AS hi FROM (${r.query}) AS q(seq, token)`
    : `SELECT count(*) AS n, min(${q1(r.seq)})::int8 AS lo, max(${q1(r.seq)})::int8 AS hi FROM ${q2(r.table)}`;
}

/** Rows (kid, alg, jwk text, valid_from, valid_until, revoked_at) with RFC 3339 times. */
export function keysSql(m: SourceMapping): string {
  const k = m.keys;
  if ('query' in k) {
    return `SELECT q.kid::text AS kid, q.alg::text AS alg, q.jwk::text AS jwk, ${ts('q.valid_from')} AS valid_from, ${ts('q.valid_until')} AS valid_until, ${ts('q.revoked_at')} AS revoked_at FROM (${k.query}) AS q(kid, alg, jwk, valid_from, valid_until, revoked_at)`;
  }
  const col = (c: string | undefined) => (c === undefined ? 'NULL::timestamptz' : q1(c));
  return `SELECT ${q1(k.kid)}::text AS kid, ${q1(k.alg)}::text AS alg, ${q1(k.jwk)}::text AS jwk, ${ts(q1(k.validFrom))} AS valid_from, ${ts(col(k.validUntil))} AS valid_until, ${ts(col(k.revokedAt))} AS revoked_at FROM ${q2(k.table)}`;
}

export function anchorsSql(m: SourceMapping): string {
  const a = m.anchors;
  return 'query' in a
    ? `SELECT q.size::int8, q.note::text FROM (${a.query}) AS q(size, note) ORDER BY q.size`
    : `SELECT ${q1(a.size)}::int8, ${q1(a.note)}::text FROM ${q2(a.table)} ORDER BY ${q1(a.size)}`;
}

/** The mapped tables (table-form mappings only): what a rehearsal needs the base release to create. */
export function mappedTables(m: SourceMapping): string[] {
  return [m.records, m.keys, m.anchors].flatMap((x) => ('table' in x ? [x.table] : []));
}

/**
 * sha256 of what the mapping reads (tables, columns, queries): shards of one database read
 * through different mappings are not parts of one run. Origin and note keys are compared apart.
 */
export function mappingDigest(m: SourceMapping): string {
  return canonicalDigest({ records: m.records, keys: m.keys, anchors: m.anchors });
}
