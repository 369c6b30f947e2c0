import type { RecordProfile } from '../proofs/record-profile.js';
/** DESIGN.md §3 bundle: manifest.json, keys.jwks.json, records.jsonl, anchors.jsonl. */
export const BUNDLE_FORMAT = 'proofgate-bundle/1';

export const BUNDLE_FILES = {
  manifest: 'manifest.json',
  keys: 'keys.jwks.json',
  records: 'records.jsonl',
  anchors: 'anchors.jsonl',
} as const;

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  /** The log origin (C2SP checkpoint origin line; also `log` in every record payload). */
  origin: string;
  /** C2SP note verifier keys (vkeys) that may sign anchors. */
  noteKeys: string[];
  /** The record profile of a log proofgate did not write (absent: proofgate's own). */
  profile?: RecordProfile;
}

/**
 * A key binding: the public JWK plus its validity. Timestamps are RFC 3339; the ledger stores
 * them as timestamptz, so a bundle that must survive import → export byte for byte uses the
 * canonical UTC form `YYYY-MM-DDTHH:MM:SS[.ffffff]Z` (no trailing zeros in the fraction).
 */
export interface KeyBinding {
  kty: string;
  kid: string;
  alg: string;
  crv?: string;
  x?: string;
  y?: string;
  use?: string;
  valid_from: string;
  valid_until: string | null;
  revoked_at: string | null;
  [member: string]: unknown;
}

export interface BundleRecord {
  seq: number;
  /** The compact JWS exactly as signed. */
  jws: string;
}

export interface BundleAnchor {
  treeSize: number;
  /** C2SP tlog-checkpoint signed note text. */
  checkpoint: string;
}

/** Records in flat batches: seqs[i] belongs to jws[i]. Same shape from a bundle and from Postgres. */
export interface RecordBatch {
  seqs: Float64Array;
  jws: string[];
}

/**
 * Records as stored bytes: record i is (seqs[i], bytes[starts[i], ends[i])), the UTF-8 of its
 * JWS. Valid until the next batch is asked for. The verifier hands these bytes to its workers
 * without decoding them (from Postgres and from a bundle alike).
 */
export interface RecordBytes {
  seqs: number[];
  bytes: Buffer;
  starts: number[];
  ends: number[];
}
