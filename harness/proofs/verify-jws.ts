import { isUtf8 } from 'node:buffer';
import type { KeyObject } from 'node:crypto';
import { decodeBase64url, decodeBase64urlBytes } from './base64url.js';
import type { HeaderCache } from './header-cache.js';
import { findDuplicateMember } from './duplicate-members.js';
import { isJcsText } from './is-jcs-text.js';
import type { OutcomeCode } from './outcome.js';
import { checkProtectedHeader, type HeaderPolicy } from './protected-header.js';
import { algFitsKey, verifySignature } from './verify-signature.js';

/** What a kid resolves to: a key with its alg allow-list, or a reason the binding is unusable. */
export type KeyEntry = { keyObject: KeyObject; algorithms: readonly string[] } | { invalid: string };

export interface StrictJwsOptions {
  header: HeaderPolicy;
  /** Resolves the header kid (undefined when the header has none) to a key; undefined = unknown. */
  resolveKey(kid: string | undefined): KeyEntry | undefined;
  /**
   * 'jcs-json': the payload must be UTF-8 JSON that is exactly its RFC 8785 form. 'json': UTF-8
   * JSON as signed (any member order or spacing) without duplicate members.
   */
  payload: 'jcs-json' | 'json' | 'opaque';
  /** RFC 7515 Appendix F: payload bytes supplied out of band for a detached JWS (base64url). */
  detachedPayload?: string;
  /** Checks each distinct protected header once (it must have been made for `header`). */
  headerCache?: HeaderCache;
}

export interface JwsVerification {
  outcome: OutcomeCode;
  reason?: string;
  alg?: string;
  kid?: string;
  /** The payload text, when the outcome got as far as the signature check succeeding. */
  payloadText?: string;
  /** The parsed payload (only for payload 'jcs-json' or 'json' and outcome ok). */
  payloadJson?: unknown;
}

const DOT = 0x2e;
// The signature is only read by the synchronous check below: one buffer per thread, not per record.
const SIGNATURE = Buffer.alloc(64);

/**
 * Strict compact JWS verification (RFC 7515 §5.2 with the restrictions of the header policy).
 * Checks run cheapest first and the first failure decides the outcome.
 */
export function verifyJwsStrict(jws: string, options: StrictJwsOptions): JwsVerification {
  // Non-ASCII text becomes bytes outside the base64url alphabet: malformed, as it must be.
  const bytes = Buffer.from(jws, 'utf8');
  return verifyJwsBytes(bytes, 0, bytes.length, options);
}

/**
 * `verifyJwsStrict` of the compact JWS in `bytes[start, end)`: the verifier reads records as
 * bytes, so the signing input is a view of them and nothing is decoded to a string twice.
 */
export function verifyJwsBytes(
  bytes: Buffer,
  start: number,
  end: number,
  options: StrictJwsOptions,
): JwsVerification {
  const s = verifyJwsSignatureBytes(bytes, start, end, options);
  if (s.payload === undefined) return s;
  return checkJwsPayload(s.payload, s.alg as string, s.kid, options.payload);
}

/** What `verifyJwsSignatureBytes` found: as JwsVerification, plus the payload bytes once the signature verified. */
export type JwsSignatureCheck = JwsVerification & { payload?: Buffer };

/**
 * The first half of `verifyJwsBytes`: segments, header, key, base64url and the signature. When
 * the signature verifies and the payload policy is not 'opaque', `payload` holds the decoded
 * payload (valid until the next call: it may be a per-thread scratch buffer) for
 * `checkJwsPayload` — or for a faster reader that defers to it.
 */
export function verifyJwsSignatureBytes(
  bytes: Buffer,
  start: number,
  end: number,
  options: StrictJwsOptions,
): JwsSignatureCheck {
  const d1 = bytes.indexOf(DOT, start);
  const d2 = d1 < 0 || d1 >= end ? -1 : bytes.indexOf(DOT, d1 + 1);
  const d3 = d2 < 0 || d2 >= end ? -1 : bytes.indexOf(DOT, d2 + 1);
  if (d2 < 0 || d2 >= end || (d3 >= 0 && d3 < end)) {
    return { outcome: 'malformed', reason: 'not three dot-separated segments' };
  }
  const header =
    options.headerCache?.check(bytes, start, d1) ??
    checkProtectedHeader(bytes.toString('latin1', start, d1), options.header);
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
  const detached = d2 === d1 + 1 && options.detachedPayload !== undefined;
  const payload = detached
    ? decodeBase64url(options.detachedPayload as string)
    : decodeBase64urlBytes(bytes, d1 + 1, d2, payloadScratch(d2 - d1 - 1));
  const signature = decodeBase64urlBytes(bytes, d2 + 1, end, SIGNATURE);
  if (payload === undefined)
    return { outcome: 'malformed', reason: 'payload is not canonical base64url', alg, kid };
  if (signature === undefined)
    return { outcome: 'malformed', reason: 'signature is not canonical base64url', alg, kid };
  // The segments are now known to be base64url (ASCII): the signing input is the bytes as stored.
  const signingInput = detached
    ? Buffer.concat([bytes.subarray(start, d2), Buffer.from(options.detachedPayload as string, 'latin1')])
    : bytes.subarray(start, d2);
  if (!verifySignature(alg, key.keyObject, signingInput, signature)) {
    return { outcome: 'bad-signature', reason: 'signature does not verify', alg, kid };
  }
  if (options.payload === 'opaque') return { outcome: 'ok', alg, kid };
  return { outcome: 'ok', alg, kid, payload };
}

// Decoded payloads are read before the next record: one growing buffer per thread, and a view of
// the exact length per record (decodeBase64urlBytes writes into a scratch of exactly its size).
// The views of lengths below 4 KiB are kept by length (a log's payloads have a few lengths), not
// made per record; at most 4096 of them, whatever lengths a hostile log has.
const KEPT = 4096;
let scratch = Buffer.allocUnsafeSlow(4096);
let views: (Buffer | undefined)[] = [];
function payloadScratch(encodedLength: number): Buffer | undefined {
  const rem = encodedLength % 4;
  if (encodedLength < 0 || rem === 1) return undefined;
  const size = ((encodedLength - rem) / 4) * 3 + (rem === 0 ? 0 : rem - 1);
  if (size > scratch.length) {
    if (size > 1 << 20) return undefined; // a huge payload gets its own buffer
    scratch = Buffer.allocUnsafeSlow(Math.max(size, 2 * scratch.length));
    views = [];
  }
  if (size >= KEPT) return Buffer.from(scratch.buffer, scratch.byteOffset, size);
  return (views[size] ??= Buffer.from(scratch.buffer, scratch.byteOffset, size));
}

/** The second half of `verifyJwsBytes`: the payload policy on the verified payload bytes. */
export function checkJwsPayload(
  payload: Buffer,
  alg: string,
  kid: string | undefined,
  mode: StrictJwsOptions['payload'],
): JwsVerification {
  if (mode === 'opaque') return { outcome: 'ok', alg, kid };
  // isUtf8 is a native check; toString would silently replace invalid sequences.
  if (!isUtf8(payload)) return { outcome: 'payload-policy', reason: 'payload is not UTF-8 JSON', alg, kid };
  const payloadText = payload.toString('utf8');
  let payloadJson: unknown;
  try {
    payloadJson = JSON.parse(payloadText);
  } catch {
    return { outcome: 'payload-policy', reason: 'payload is not UTF-8 JSON', alg, kid };
  }
  if (mode === 'json') {
    // Stored bytes are verified as signed, never re-serialised; JSON.parse keeps the last of two
    // equal members, so duplicates must be refused explicitly (two readers, two meanings).
    const dup = findDuplicateMember(payloadText);
    if (dup !== undefined)
      return {
        outcome: 'payload-policy',
        reason: `duplicate payload member ${JSON.stringify(dup)}`,
        alg,
        kid,
        payloadText,
      };
    return { outcome: 'ok', alg, kid, payloadText, payloadJson };
  }
  // JCS equality also rules out duplicate members, whitespace and member order differences.
  if (!isJcsText(payloadJson, payloadText)) {
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
