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

/** Checks the required members and their types; extra members are allowed (DESIGN §3 "at least"). */
export function parseRecordClaims(value: unknown): RecordClaims | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'payload is not a JSON object';
  const c = value as Record<string, unknown>;
  if (typeof c.log !== 'string' || c.log.length === 0) return 'log must be a non-empty string';
  if (typeof c.seq !== 'number' || !Number.isSafeInteger(c.seq) || c.seq < 0)
    return 'seq must be a non-negative integer';
  if (typeof c.prev !== 'string' || !/^[0-9a-f]{64}$/.test(c.prev))
    return 'prev must be 64 lowercase hex digits';
  if (typeof c.iat !== 'number' || !Number.isSafeInteger(c.iat) || c.iat < 0)
    return 'iat must be a non-negative integer (Unix seconds)';
  if (typeof c.statement !== 'object' || c.statement === null || Array.isArray(c.statement)) {
    return 'statement must be a JSON object';
  }
  return c as unknown as RecordClaims;
}
