import type { OutcomeCode } from '../proofs/index.js';
import type { SourceDescription } from './source.js';
import type { SubtreeRangeJson } from './subtree-range.js';

// 2: outcome leaves are the code at position seq (verification digest format 2).
// 3: shards carry the identity of what they verified (`identity`); merge refuses mixtures.
// 4: carries the record profile (digest, first seq, chain, disabled checks).
// 5: identity carries the source mapping's digest (a team's own tables read through a mapping).
export const SHARD_FORMAT = 'proofgate-shard/5';
/** Failures listed by seq in a report (the counts always cover all of them). */
export const MAX_LISTED_FAILURES = 100;

export interface RecordFailure {
  seq: number;
  outcome: OutcomeCode;
  reason?: string;
  kid?: string;
}

/** A stored row that does not take a tree position: its seq was already passed (DESIGN §3: no gaps, ascending). */
export interface ExtraRow {
  seq: number;
  kind: 'duplicate-seq' | 'out-of-order' | 'before-first-seq';
}

export interface AnchorCheck {
  treeSize: number;
  /** Signature by a trusted note key, origin and size line all fine. */
  ok: boolean;
  reason?: string;
  /** The root the checkpoint claims (hex), when it parsed. */
  root?: string;
}

/**
 * What one shard of a verification knows about its seq range [begin, end): everything but the
 * chain link into its first position, which `finalize` settles from the previous shard. A
 * whole run is one shard, so a merged run and a single run share one code path.
 */
/**
 * What a shard verified and under which rules, beyond origin/keys/extent/note keys: shards whose
 * identities differ are not parts of one run (tampered shards 0–1 + a clean shard 2 merged to PASS).
 */
export interface ShardIdentity {
  /** proofgate version, shard format and verification digest format. */
  tool: string;
  /** sha256 of the verification policy: trusted note keys, gap limit (and the record profile, once there is one). */
  policyDigest: string;
  /** sha256 of every anchor (each shard reads them all). */
  anchorsDigest: string;
  /** sha256 of all stored data when the source can give it (a bundle's files), else null. */
  dataDigest: string | null;
  /** Where the data lives when that identifies it (a database), else null. */
  location: string | null;
  /** sha256 of the source mapping (tables, columns, queries) when read through one, else null. */
  mappingDigest: string | null;
}

export interface ShardState {
  format: typeof SHARD_FORMAT;
  identity: ShardIdentity;
  shard: { index: number; count: number };
  source: SourceDescription;
  origin: string;
  /** The record profile the shard was verified under. Seqs in this state are tree positions (seq - firstSeq). */
  profile: { digest: string; firstSeq: number; chain: string; disabled: string[] };
  noteKeys: string[];
  keyBindingDigest: string;
  keys: { kid: string; alg: string; digest: string }[];
  keyProblems: { kid: string; id: 'key-binding-invalid' | 'key-binding-duplicate'; reason: string }[];
  extent: number;
  range: { begin: number; end: number };
  rows: number;
  /** Position `begin`: outcome before its chain link is known (`missing-seq` when absent). */
  head: (RecordFailure & { prev?: string }) | null;
  /** Link value (hex) of position end-1 — its leaf hash, or token hash under chain sha256-of-prev-token — or null when missing. */
  lastLeaf: string | null;
  counts: Partial<Record<OutcomeCode, number>>;
  failures: RecordFailure[];
  extraRows: ExtraRow[];
  extraCount: number;
  content: SubtreeRangeJson;
  /** Outcome leaves for [begin + 1, end). */
  outcomes: SubtreeRangeJson;
  /** Content range [begin, s) for every anchor size s in (begin, end]. */
  anchorRanges: { treeSize: number; range: SubtreeRangeJson }[];
  /** Anchors this shard owns: sizes in (begin, end], plus size 0 (first shard) and sizes past the log (last shard). */
  anchors: AnchorCheck[];
  /** Problems of the anchor list as a whole (order, conflicts): reported by shard 0 only. */
  anchorListProblems: { id: string; treeSize: number; message: string }[];
  anchorCount: number;
}
