import { HeaderCache } from './header-cache.js';
import { RECORD_HEADER_POLICY, type HeaderPolicy } from './protected-header.js';
import { bindKey, type BoundKey, type KeyBinding } from './key-binding.js';
import type { OutcomeCode } from './outcome.js';
import { compileClaims, type ProfileClaims } from './profile-claims.js';
import { parseRecordClaims, type RecordClaims } from './record-claims.js';
import { DEFAULT_RECORD_PROFILE, isDefaultProfile, type RecordProfile } from './record-profile.js';
import {
  checkJwsPayload,
  verifyJwsSignatureBytes,
  type KeyEntry,
  type StrictJwsOptions,
} from './verify-jws.js';
import { PLAIN_OK, PLAIN_OK_PREV, PLAIN_UNDECIDED, plainFieldsOf, type PlainFields } from './plain-fields.js';
import { ed25519PublicKeyBytes } from '../ed25519/index.js';

export interface RecordVerification {
  outcome: OutcomeCode;
  /** Why, for anything but ok (one line, for findings). */
  reason?: string;
  kid?: string;
  /**
   * Present when the payload parsed as record claims (also for signing-time and chain outcomes).
   * Under a profile other than the default only `prev` is set (absent when the profile has no chain).
   */
  claims?: Pick<RecordClaims, 'prev'> & Partial<RecordClaims>;
}

/** Optional stored context: the log origin, the seq the record is stored under, the expected prev. */
export interface RecordContext {
  log?: string;
  seq?: number;
  prev?: string;
}

/**
 * A verifier's JWS options. `resolveKey` is a method, not a closure per verifier: the code V8
 * optimises for one verifier (a worker runs one per job, and one to warm up) then stays valid for
 * the next, instead of being thrown away and compiled again at every job.
 */
class VerifierOptions implements StrictJwsOptions {
  header: HeaderPolicy = RECORD_HEADER_POLICY;
  payload: StrictJwsOptions['payload'] = 'jcs-json';
  headerCache = new HeaderCache(RECORD_HEADER_POLICY);
  readonly keys = new Map<string, KeyEntry & { bound?: BoundKey }>();
  /** The binding of the key the last resolveKey found. */
  bound: BoundKey | undefined;

  resolveKey(kid: string | undefined): KeyEntry | undefined {
    const entry = kid === undefined ? undefined : this.keys.get(kid);
    this.bound = entry !== undefined && 'bound' in entry ? entry.bound : undefined;
    return entry;
  }
}

/**
 * The fast path for many records: one KeyObject per kid made once, each distinct protected header
 * checked once, then one signature check per record (libsodium first for Ed25519). jose's
 * compactVerify is the reference it is cross-checked against in the tests.
 */
export class RecordVerifier {
  // Built once: no per-record closures or option objects on the hot path.
  readonly #options = new VerifierOptions();
  readonly #keys = this.#options.keys;

  // A profile other than proofgate's own is compiled once into these; the default keeps its own path.
  readonly #claimsOf: ((payload: unknown) => ProfileClaims | string) | undefined;
  readonly #profile: RecordProfile;
  // The one-pass reader of plain payloads (undefined: this profile always takes the full path).
  readonly #plain: PlainFields | undefined;
  #origin: { text: string; bytes: Buffer } = { text: '', bytes: Buffer.alloc(0) };

  constructor(
    bindings: readonly KeyBinding[] | readonly unknown[],
    profile: RecordProfile = DEFAULT_RECORD_PROFILE,
  ) {
    this.#profile = profile;
    if (!isDefaultProfile(profile)) {
      this.#claimsOf = compileClaims(profile);
      const header: HeaderPolicy = {
        requireKid: true,
        requireJcs: profile.header.jcs,
        typs: [...profile.header.typ],
        allow: new Set(profile.header.allow),
      };
      this.#options.header = header;
      this.#options.headerCache = new HeaderCache(header);
      this.#options.payload = profile.payload === 'jcs' ? 'jcs-json' : 'json';
    }
    this.#plain = plainFieldsOf(profile);
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
      // The raw Ed25519 key for libsodium, imported here once per kid (not per record).
      if (r.ok) ed25519PublicKeyBytes(r.key.keyObject);
      this.#keys.set(
        kid,
        r.ok ? { keyObject: r.key.keyObject, algorithms: [r.key.alg], bound: r.key } : { invalid: r.reason },
      );
    }
  }

  /** The seq of the first record (tree position = seq - firstSeq). */
  get firstSeq(): number {
    return this.#profile.firstSeq;
  }

  get chain(): RecordProfile['chain'] {
    return this.#profile.chain;
  }

  verify(jws: string, context: RecordContext = {}): RecordVerification {
    const bytes = Buffer.from(jws, 'utf8');
    return this.verifyBytes(bytes, 0, bytes.length, context);
  }

  /** `verify` of the compact JWS in `bytes[start, end)` (the form records are streamed in). */
  verifyBytes(bytes: Buffer, start: number, end: number, context: RecordContext = {}): RecordVerification {
    const s = verifyJwsSignatureBytes(bytes, start, end, this.#options);
    if (s.outcome !== 'ok' || s.payload === undefined)
      return { outcome: s.outcome, reason: s.reason, kid: s.kid };
    return this.#afterSignature(s.payload, s.alg as string, s.kid, context);
  }

  /**
   * `verifyBytes` for the batch loop, with the same verdicts: a plain payload (see scanPayload)
   * whose checks all pass is `ok` without a string or object made — its prev, when the profile
   * has one, written as 32 bytes into `prevOut` at `at` — and the answer is PLAIN_OK_PREV or
   * PLAIN_OK. Anything else is decided by the full path and returned as its RecordVerification.
   * `context.prev` is not supported here (the batch checks the chain itself).
   */
  verifyRecordBytes(
    bytes: Buffer,
    start: number,
    end: number,
    context: { log: string; seq: number },
    prevOut: Uint8Array,
    at: number,
  ): RecordVerification | typeof PLAIN_OK | typeof PLAIN_OK_PREV {
    const s = verifyJwsSignatureBytes(bytes, start, end, this.#options);
    if (s.outcome !== 'ok' || s.payload === undefined)
      return { outcome: s.outcome, reason: s.reason, kid: s.kid };
    const plain = this.#plain;
    if (plain !== undefined) {
      if (this.#origin.text !== context.log)
        this.#origin = { text: context.log, bytes: Buffer.from(context.log, 'utf8') };
      const r = plain.check(
        s.payload,
        this.#options.bound as BoundKey,
        this.#origin.bytes,
        context.seq,
        prevOut,
        at,
      );
      if (r !== PLAIN_UNDECIDED) return r as typeof PLAIN_OK | typeof PLAIN_OK_PREV;
    }
    return this.#afterSignature(s.payload, s.alg as string, s.kid, context);
  }

  /** The payload policy and the record checks, once the signature verified. */
  #afterSignature(
    payload: Buffer,
    alg: string,
    kid: string | undefined,
    context: RecordContext,
  ): RecordVerification {
    const v = checkJwsPayload(payload, alg, kid, this.#options.payload);
    if (v.outcome !== 'ok') return { outcome: v.outcome, reason: v.reason, kid: v.kid };
    if (this.#claimsOf !== undefined) return this.#checkProfiled(v.payloadJson, v.kid, context);
    const claims = parseRecordClaims(v.payloadJson);
    if (typeof claims === 'string') return { outcome: 'payload-policy', reason: claims, kid: v.kid };
    const r = checkClaims(
      this.#options.bound as BoundKey,
      { ...claims, timeMs: claims.iat * 1000 },
      `iat ${claims.iat}`,
      'prev is not the leaf hash of the previous record',
      context,
    );
    return { ...r, kid: v.kid, claims };
  }

  /** The checks after the signature under a profile: same order and outcome codes as the default. */
  #checkProfiled(payload: unknown, kid: string | undefined, context: RecordContext): RecordVerification {
    const c = (this.#claimsOf as (p: unknown) => ProfileClaims | string)(payload);
    if (typeof c === 'string') return { outcome: 'payload-policy', reason: c, kid };
    const r = checkClaims(
      this.#options.bound as BoundKey,
      c,
      `signing time ${c.timeText}`,
      'prev does not link to the previous record',
      context,
    );
    return c.prev === undefined ? { ...r, kid } : { ...r, kid, claims: { prev: c.prev } };
  }
}

/**
 * The record checks after the signature, in order, for proofgate's claims and a profile's alike:
 * signing time inside [valid_from, valid_until) and before revoked_at, then log, seq and prev
 * against what the record is stored as. A member the claims lack (a profile without it) is not
 * checked. `time` names the signing time in reasons, `chainBreak` is the reason for a wrong prev.
 */
function checkClaims(
  key: BoundKey,
  c: { seq: number; log?: string; prev?: string; timeMs?: number },
  time: string,
  chainBreak: string,
  context: RecordContext,
): { outcome: OutcomeCode; reason?: string } {
  const t = c.timeMs;
  if (t !== undefined) {
    if (t < key.validFrom || (key.validUntil !== null && t >= key.validUntil))
      return { outcome: 'outside-validity', reason: `${time} is outside the validity of ${key.kid}` };
    if (key.revokedAt !== null && t >= key.revokedAt)
      return { outcome: 'revoked', reason: `${time} is at or after the revocation of ${key.kid}` };
  }
  if (context.log !== undefined && c.log !== undefined && c.log !== context.log)
    return {
      outcome: 'log-mismatch',
      reason: `log ${JSON.stringify(c.log)} is not ${JSON.stringify(context.log)}`,
    };
  if (context.seq !== undefined && c.seq !== context.seq)
    return { outcome: 'seq-mismatch', reason: `payload seq ${c.seq} is stored as seq ${context.seq}` };
  if (context.prev !== undefined && c.prev !== undefined && c.prev !== context.prev)
    return { outcome: 'chain-break', reason: chainBreak };
  return { outcome: 'ok' };
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
