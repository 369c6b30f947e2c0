import { HeaderCache } from './header-cache.js';
import { RECORD_HEADER_POLICY } from './protected-header.js';
import { bindKey, type BoundKey, type KeyBinding } from './key-binding.js';
import type { OutcomeCode } from './outcome.js';
import { parseRecordClaims, type RecordClaims } from './record-claims.js';
import { verifyJwsBytes, type KeyEntry, type StrictJwsOptions } from './verify-jws.js';

export interface RecordVerification {
  outcome: OutcomeCode;
  /** Why, for anything but ok (one line, for findings). */
  reason?: string;
  kid?: string;
  /** Present when the payload parsed as record claims (also for signing-time and chain outcomes). */
  claims?: RecordClaims;
}

/** Optional stored context: the log origin, the seq the record is stored under, the expected prev. */
export interface RecordContext {
  log?: string;
  seq?: number;
  prev?: string;
}

/**
 * The fast path for many records: one KeyObject per kid made once, each distinct protected header
 * checked once, then node:crypto verify per record. jose's compactVerify is the reference it is
 * cross-checked against in the tests.
 */
export class RecordVerifier {
  readonly #keys = new Map<string, KeyEntry & { bound?: BoundKey }>();

  // Built once: no per-record closures or option objects on the hot path.
  #bound: BoundKey | undefined;
  readonly #options: StrictJwsOptions = {
    header: RECORD_HEADER_POLICY,
    payload: 'jcs-json',
    headerCache: new HeaderCache(RECORD_HEADER_POLICY),
    resolveKey: (kid) => {
      const entry = kid === undefined ? undefined : this.#keys.get(kid);
      this.#bound = entry !== undefined && 'bound' in entry ? entry.bound : undefined;
      return entry;
    },
  };

  constructor(bindings: readonly KeyBinding[] | readonly unknown[]) {
    const seen = new Set<string>();
    for (const raw of bindings) {
      const kid = (raw as { kid?: unknown })?.kid;
      if (typeof kid !== 'string') continue; // no kid: nothing can select it
      if (seen.has(kid)) {
        // A kid bound twice is ambiguous: fail closed for every record that names it.
        this.#keys.set(kid, { invalid: `kid ${JSON.stringify(kid)} is bound more than once` });
        continue;
      }
      seen.add(kid);
      const r = bindKey(raw);
      this.#keys.set(
        kid,
        r.ok ? { keyObject: r.key.keyObject, algorithms: [r.key.alg], bound: r.key } : { invalid: r.reason },
      );
    }
  }

  verify(jws: string, context: RecordContext = {}): RecordVerification {
    const bytes = Buffer.from(jws, 'utf8');
    return this.verifyBytes(bytes, 0, bytes.length, context);
  }

  /** `verify` of the compact JWS in `bytes[start, end)` (the form records are streamed in). */
  verifyBytes(bytes: Buffer, start: number, end: number, context: RecordContext = {}): RecordVerification {
    const v = verifyJwsBytes(bytes, start, end, this.#options);
    if (v.outcome !== 'ok') return { outcome: v.outcome, reason: v.reason, kid: v.kid };
    const claims = parseRecordClaims(v.payloadJson);
    if (typeof claims === 'string') return { outcome: 'payload-policy', reason: claims, kid: v.kid };
    const key = this.#bound as BoundKey;
    const t = claims.iat * 1000;
    // Signing time must lie in [valid_from, valid_until) and before revoked_at.
    if (t < key.validFrom || (key.validUntil !== null && t >= key.validUntil)) {
      return {
        outcome: 'outside-validity',
        reason: `iat ${claims.iat} is outside the validity of ${key.kid}`,
        kid: v.kid,
        claims,
      };
    }
    if (key.revokedAt !== null && t >= key.revokedAt) {
      return {
        outcome: 'revoked',
        reason: `iat ${claims.iat} is at or after the revocation of ${key.kid}`,
        kid: v.kid,
        claims,
      };
    }
    if (context.log !== undefined && claims.log !== context.log) {
      return {
        outcome: 'log-mismatch',
        reason: `log ${JSON.stringify(claims.log)} is not ${JSON.stringify(context.log)}`,
        kid: v.kid,
        claims,
      };
    }
    if (context.seq !== undefined && claims.seq !== context.seq) {
      return {
        outcome: 'seq-mismatch',
        reason: `payload seq ${claims.seq} is stored as seq ${context.seq}`,
        kid: v.kid,
        claims,
      };
    }
    if (context.prev !== undefined && claims.prev !== context.prev) {
      return {
        outcome: 'chain-break',
        reason: 'prev is not the leaf hash of the previous record',
        kid: v.kid,
        claims,
      };
    }
    return { outcome: 'ok', kid: v.kid, claims };
  }
}

/**
 * One record against one key binding (the contract's single-record form). A kid other than the
 * binding's is `unknown-kid`. For many records use `RecordVerifier` (it caches keys and headers).
 */
export function verifyRecord(
  compactJws: string,
  keyBinding: KeyBinding,
  context?: RecordContext,
): OutcomeCode {
  return new RecordVerifier([keyBinding]).verify(compactJws, context).outcome;
}
