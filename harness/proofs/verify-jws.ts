import { isUtf8 } from 'node:buffer';
import type { KeyObject } from 'node:crypto';
import { decodeBase64url } from './base64url.js';
import { jcsOfParsed } from './jcs-of-parsed.js';
import type { OutcomeCode } from './outcome.js';
import { checkProtectedHeader, type HeaderCheck, type HeaderPolicy } from './protected-header.js';
import { algFitsKey, verifySignature } from './verify-signature.js';

/** What a kid resolves to: a key with its alg allow-list, or a reason the binding is unusable. */
export type KeyEntry = { keyObject: KeyObject; algorithms: readonly string[] } | { invalid: string };

export interface StrictJwsOptions {
  header: HeaderPolicy;
  /** Resolves the header kid (undefined when the header has none) to a key; undefined = unknown. */
  resolveKey(kid: string | undefined): KeyEntry | undefined;
  /** 'jcs-json': the payload must be UTF-8 JSON that is exactly its RFC 8785 form. */
  payload: 'jcs-json' | 'opaque';
  /** RFC 7515 Appendix F: payload bytes supplied out of band for a detached JWS (base64url). */
  detachedPayload?: string;
  /** Cache of header checks keyed by the protected segment: each distinct header is checked once. */
  headerCache?: Map<string, HeaderCheck>;
}

export interface JwsVerification {
  outcome: OutcomeCode;
  reason?: string;
  alg?: string;
  kid?: string;
  /** The payload text, when the outcome got as far as the signature check succeeding. */
  payloadText?: string;
  /** The parsed payload (only for payload 'jcs-json' and outcome ok). */
  payloadJson?: unknown;
}

const HEADER_CACHE_LIMIT = 4096;

/**
 * Strict compact JWS verification (RFC 7515 §5.2 with the restrictions of the header policy).
 * Checks run cheapest first and the first failure decides the outcome.
 */
export function verifyJwsStrict(jws: string, options: StrictJwsOptions): JwsVerification {
  const d1 = jws.indexOf('.');
  const d2 = d1 < 0 ? -1 : jws.indexOf('.', d1 + 1);
  if (d1 < 0 || d2 < 0 || jws.indexOf('.', d2 + 1) >= 0) {
    return { outcome: 'malformed', reason: 'not three dot-separated segments' };
  }
  const protectedB64 = jws.slice(0, d1);
  let header = options.headerCache?.get(protectedB64);
  if (header === undefined) {
    header = checkProtectedHeader(protectedB64, options.header);
    if (options.headerCache !== undefined) {
      if (options.headerCache.size >= HEADER_CACHE_LIMIT) options.headerCache.clear();
      options.headerCache.set(protectedB64, header);
    }
  }
  if (!header.ok) return { outcome: header.outcome, reason: header.reason };
  const { alg, kid } = header;
  const key = options.resolveKey(kid);
  if (key === undefined)
    return { outcome: 'unknown-kid', reason: `no key bound to kid ${JSON.stringify(kid ?? null)}`, alg, kid };
  if ('invalid' in key) return { outcome: 'key-invalid', reason: key.invalid, alg, kid };
  if (!key.algorithms.includes(alg) || !algFitsKey(alg, key.keyObject)) {
    return {
      outcome: 'alg-not-allowed',
      reason: `alg ${JSON.stringify(alg)} is not allowed for this key`,
      alg,
      kid,
    };
  }
  let payloadB64 = jws.slice(d1 + 1, d2);
  if (payloadB64 === '' && options.detachedPayload !== undefined) payloadB64 = options.detachedPayload;
  const payload = decodeBase64url(payloadB64);
  const signature = decodeBase64url(jws.slice(d2 + 1));
  if (payload === undefined)
    return { outcome: 'malformed', reason: 'payload is not canonical base64url', alg, kid };
  if (signature === undefined)
    return { outcome: 'malformed', reason: 'signature is not canonical base64url', alg, kid };
  // Segments are now known to be base64url (ASCII), so latin1 is the exact byte form.
  const signingInput = Buffer.from(`${protectedB64}.${payloadB64}`, 'latin1');
  if (!verifySignature(alg, key.keyObject, signingInput, signature)) {
    return { outcome: 'bad-signature', reason: 'signature does not verify', alg, kid };
  }
  if (options.payload === 'opaque') return { outcome: 'ok', alg, kid };
  let payloadText: string;
  let payloadJson: unknown;
  try {
    // isUtf8 is a native check; toString would silently replace invalid sequences.
    if (!isUtf8(payload)) throw new Error('not UTF-8');
    payloadText = payload.toString('utf8');
    payloadJson = JSON.parse(payloadText);
  } catch {
    return { outcome: 'payload-policy', reason: 'payload is not UTF-8 JSON', alg, kid };
  }
  // JCS equality also rules out duplicate members, whitespace and member order differences.
  if (jcsOfParsed(payloadJson) !== payloadText) {
    return {
      outcome: 'payload-policy',
      reason: 'payload is not in its JCS (RFC 8785) form',
      alg,
      kid,
      payloadText,
    };
  }
  return { outcome: 'ok', alg, kid, payloadText, payloadJson };
}
