import { canonicalJson, sha256Hex } from '../report/canonical-json.js';
import { RECORD_TYP } from './protected-header.js';

/**
 * What a record of a log is (DESIGN §6): header policy, payload form, where the fields are, the
 * signing-time format, the first seq, the chain and the anchor leaf. proofgate's own format is
 * DEFAULT_RECORD_PROFILE; a team's existing ledger is described by its own profile, never
 * converted or re-signed. Every member is explicit so the digest names one exact policy.
 */
export interface RecordProfile {
  header: {
    /** Allowed `typ` values; `null` allows a header without `typ`. */
    typ: (string | null)[];
    /** The header bytes must be their RFC 8785 (JCS) form. */
    jcs: boolean;
    /** Members allowed besides alg/kid/typ (never crit, b64, jwk, jku, x5u, x5c, x5t, x5t#S256). */
    allow: string[];
  };
  /** `jcs`: the payload must be exactly its RFC 8785 form. `as-signed`: any JSON object text without duplicate members. */
  payload: 'jcs' | 'as-signed';
  /** RFC 6901 JSON pointers into the payload; `null` = the log has no such field (the check is off). */
  fields: {
    seq: string;
    prev: string | null;
    log: string | null;
    time: string | null;
    statement: string | null;
  };
  /** The signing time's form: Unix seconds, Unix milliseconds, or an RFC 3339 string. */
  time: 'unix-seconds' | 'unix-ms' | 'rfc3339';
  /** The seq of the first record: the tree position of a record is seq - firstSeq. */
  firstSeq: 0 | 1;
  /**
   * prev of record N: `leaf-hash` = SHA-256(0x00 ‖ token N-1) (RFC 6962 leaf), `sha256-of-prev-token`
   * = SHA-256(token N-1), `none` = no chain (lineage is not verified). The first record's prev is 64 zeros.
   */
  chain: 'leaf-hash' | 'sha256-of-prev-token' | 'none';
  /** The anchored Merkle tree's leaf input: `rfc6962-token` = 0x00 ‖ the stored token bytes. */
  anchorLeaf: 'rfc6962-token';
}

export const DEFAULT_RECORD_PROFILE: RecordProfile = deepFreeze({
  header: { typ: [RECORD_TYP], jcs: true, allow: [] },
  payload: 'jcs',
  fields: { seq: '/seq', prev: '/prev', log: '/log', time: '/iat', statement: '/statement' },
  time: 'unix-seconds',
  firstSeq: 0,
  chain: 'leaf-hash',
  anchorLeaf: 'rfc6962-token',
});

/** sha256 of the profile's JCS form: the same policy always has the same digest. */
export function profileDigest(profile: RecordProfile): string {
  return sha256Hex(canonicalJson(profile));
}

export const DEFAULT_PROFILE_DIGEST = profileDigest(DEFAULT_RECORD_PROFILE);

export function isDefaultProfile(profile: RecordProfile): boolean {
  return profile === DEFAULT_RECORD_PROFILE || profileDigest(profile) === DEFAULT_PROFILE_DIGEST;
}

/** The checks a profile turns off, one line each: every report says so, so nobody mistakes it for a full proof. */
export function disabledChecks(profile: RecordProfile): string[] {
  const out: string[] = [];
  if (profile.chain === 'none') out.push('chain: none — lineage not verified');
  if (profile.fields.log === null) out.push('log: none — records are not bound to the log origin');
  if (profile.fields.time === null)
    out.push('signing time: none — key validity and revocation are not checked against records');
  if (profile.fields.statement === null) out.push('statement: none — the payload need not hold a statement');
  return out;
}

function deepFreeze<T>(o: T): T {
  if (o !== null && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
