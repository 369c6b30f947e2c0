/** The signed statement of a record (the JWS payload, RFC 8785 JCS bytes). */
export interface RecordClaims {
  log: string;
  seq: number;
  /** Leaf hash of record seq-1 as 64 lowercase hex digits (64 zeros for seq 0). */
  prev: string;
  /** Signing time, Unix seconds. */
  iat: number;
  statement: Record<string, unknown>;
}

export const ZERO_PREV = '0'.repeat(64);

/** /^[0-9a-f]{64}$/ without a regular expression (checked once per record on the hot path). */
export function isLowerHex64(s: string): boolean {
  if (s.length !== 64) return false;
  for (let i = 0; i < 64; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

/** Checks the required members and their types; extra members are allowed (DESIGN §3 "at least"). */
export function parseRecordClaims(value: unknown): RecordClaims | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'payload is not a JSON object';
  const c = value as Record<string, unknown>;
  if (typeof c.log !== 'string' || c.log.length === 0) return 'log must be a non-empty string';
  if (typeof c.seq !== 'number' || !Number.isSafeInteger(c.seq) || c.seq < 0)
    return 'seq must be a non-negative integer';
  if (typeof c.prev !== 'string' || !isLowerHex64(c.prev)) return 'prev must be 64 lowercase hex digits';
  if (typeof c.iat !== 'number' || !Number.isSafeInteger(c.iat) || c.iat < 0)
    return 'iat must be a non-negative integer (Unix seconds)';
  if (typeof c.statement !== 'object' || c.statement === null || Array.isArray(c.statement)) {
    return 'statement must be a JSON object';
  }
  return c as unknown as RecordClaims;
}
