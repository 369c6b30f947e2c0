import { createHash } from 'node:crypto';
import canonicalizeImport from 'canonicalize';

// RFC 8785 (JCS) canonical form: sorted keys, ECMAScript number formatting, no whitespace.
const canonicalizeFn = canonicalizeImport as unknown as (value: unknown) => string | undefined;

export function canonicalJson(value: unknown): string {
  const out = canonicalizeFn(value);
  if (out === undefined) throw new TypeError('value has no JSON form');
  return out;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** sha256 of the canonical JSON form: the `digest` every JSON report carries. */
export function canonicalDigest(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
