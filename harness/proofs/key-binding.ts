import { createPublicKey, type KeyObject } from 'node:crypto';
import { canonicalJson, sha256Hex } from '../report/canonical-json.js';
import { decodeBase64url } from './base64url.js';
import { parseRfc3339 } from './rfc3339.js';

export type SigningAlg = 'EdDSA' | 'ES256';
export const SIGNING_ALGS: readonly SigningAlg[] = ['EdDSA', 'ES256'];

/**
 * A key binding: the public JWK (RFC 7517) plus its kid, its one allowed alg and its validity.
 * Bindings are append-only data: a kid is never recomputed, rebound or dropped.
 */
export interface KeyBinding {
  kty: 'OKP' | 'EC';
  crv: 'Ed25519' | 'P-256';
  x: string;
  y?: string;
  kid: string;
  alg: SigningAlg;
  use: 'sig';
  valid_from: string;
  valid_until: string | null;
  revoked_at: string | null;
}

/** A binding checked and turned into a ready-to-use key. Times are epoch milliseconds. */
export interface BoundKey {
  kid: string;
  alg: SigningAlg;
  keyObject: KeyObject;
  validFrom: number;
  validUntil: number | null;
  revokedAt: number | null;
}

export type BindResult = { ok: true; key: BoundKey } | { ok: false; reason: string };

const BINDING_MEMBERS = new Set([
  'kty',
  'crv',
  'x',
  'y',
  'kid',
  'alg',
  'use',
  'valid_from',
  'valid_until',
  'revoked_at',
]);

/** Validates a key binding (shape, curve for its alg, key material, RFC 3339 dates). */
export function bindKey(value: unknown): BindResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'key binding is not an object' };
  }
  const b = value as Record<string, unknown>;
  const extra = Object.keys(b).find((k) => !BINDING_MEMBERS.has(k));
  if (extra !== undefined)
    return { ok: false, reason: `unexpected member ${JSON.stringify(extra)} (private key material?)` };
  if (typeof b.kid !== 'string' || b.kid.length === 0) return { ok: false, reason: 'kid is missing' };
  if (b.use !== 'sig') return { ok: false, reason: 'use must be "sig"' };
  const coord = (name: 'x' | 'y') => {
    const v = b[name];
    const bytes = typeof v === 'string' ? decodeBase64url(v) : undefined;
    return bytes !== undefined && bytes.length === 32;
  };
  if (b.alg === 'EdDSA') {
    if (b.kty !== 'OKP' || b.crv !== 'Ed25519' || !coord('x') || b.y !== undefined) {
      return { ok: false, reason: 'EdDSA needs an OKP Ed25519 key with a 32-byte x' };
    }
  } else if (b.alg === 'ES256') {
    if (b.kty !== 'EC' || b.crv !== 'P-256' || !coord('x') || !coord('y')) {
      return { ok: false, reason: 'ES256 needs an EC P-256 key with 32-byte x and y' };
    }
  } else {
    return { ok: false, reason: `alg must be one of ${SIGNING_ALGS.join(', ')}` };
  }
  const validFrom = typeof b.valid_from === 'string' ? parseRfc3339(b.valid_from) : undefined;
  if (validFrom === undefined) return { ok: false, reason: 'valid_from is not an RFC 3339 date-time' };
  const optionalTime = (name: 'valid_until' | 'revoked_at') => {
    const v = b[name];
    if (v === null) return null;
    return typeof v === 'string' ? parseRfc3339(v) : undefined;
  };
  const validUntil = optionalTime('valid_until');
  const revokedAt = optionalTime('revoked_at');
  if (validUntil === undefined) return { ok: false, reason: 'valid_until must be null or RFC 3339' };
  if (revokedAt === undefined) return { ok: false, reason: 'revoked_at must be null or RFC 3339' };
  if (validUntil !== null && validUntil <= validFrom)
    return { ok: false, reason: 'valid_until is not after valid_from' };
  let keyObject: KeyObject;
  try {
    keyObject = createPublicKey({ key: publicJwk(b as unknown as KeyBinding), format: 'jwk' });
  } catch {
    return { ok: false, reason: 'public key is not a valid point on its curve' };
  }
  return {
    ok: true,
    key: { kid: b.kid, alg: b.alg, keyObject, validFrom, validUntil, revokedAt },
  };
}

/** The public JWK members only (what the ledger stores as JCS in `public_jwk`). */
export function publicJwk(b: KeyBinding): { kty: string; crv: string; x: string; y?: string } {
  return b.kty === 'EC'
    ? { kty: b.kty, crv: b.crv, x: b.x, y: b.y as string }
    : { kty: b.kty, crv: b.crv, x: b.x };
}

/** Bindings in the order every file and digest uses: by kid, UTF-16 code units (as JCS sorts). */
export function sortBindings<T extends { kid: string }>(keys: readonly T[]): T[] {
  return [...keys].sort((a, b) => (a.kid < b.kid ? -1 : a.kid > b.kid ? 1 : 0));
}

/** sha256 (hex) over the JCS form of the bindings array sorted by kid. */
export function keyBindingDigest(keys: readonly KeyBinding[]): string {
  return sha256Hex(canonicalJson(sortBindings(keys)));
}
