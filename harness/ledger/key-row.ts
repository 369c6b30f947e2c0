import { canonicalJson } from '../report/canonical-json.js';
import type { KeyBinding } from '../bundle/types.js';

// ledger_keys keeps kid, alg and validity in columns and every other JWK member in public_jwk
// (JCS, RFC 8785), so a binding comes back with exactly the members it went in with.
const COLUMNS = new Set(['kid', 'alg', 'valid_from', 'valid_until', 'revoked_at']);

export interface KeyRow {
  kid: string;
  alg: string;
  public_jwk: string;
  valid_from: string;
  valid_until: string | null;
  revoked_at: string | null;
}

export function keyToRow(k: KeyBinding): KeyRow {
  const jwk: Record<string, unknown> = {};
  for (const [m, v] of Object.entries(k)) if (!COLUMNS.has(m)) jwk[m] = v;
  return {
    kid: k.kid,
    alg: k.alg,
    public_jwk: canonicalJson(jwk),
    valid_from: k.valid_from,
    valid_until: k.valid_until,
    revoked_at: k.revoked_at,
  };
}

export function rowToKey(r: KeyRow): KeyBinding {
  const jwk = JSON.parse(r.public_jwk) as Record<string, unknown>;
  return {
    ...jwk,
    kty: String(jwk.kty),
    kid: r.kid,
    alg: r.alg,
    valid_from: r.valid_from,
    valid_until: r.valid_until,
    revoked_at: r.revoked_at,
  };
}

/**
 * timestamptz → the canonical RFC 3339 text bundles use: UTC, "Z", fraction only when non-zero
 * and without trailing zeros (microsecond precision, as stored).
 */
export function sqlTimestamp(column: string): string {
  return `CASE WHEN ${column} IS NULL THEN NULL ELSE regexp_replace(to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), '\\.?0+$', '') || 'Z' END`;
}
