import type { OutcomeCode, RecordProfile } from '../proofs/index.js';
import type { SubtreeRangeJson } from './subtree-range.js';

/** What a verification job needs in every worker: the log's origin and its key bindings. */
export interface WorkerInit {
  origin: string;
  keys: readonly unknown[];
  /** The record profile (absent: proofgate's own). */
  profile?: RecordProfile;
}

/** A batch of records (see RecordPack): record i is bytes[ends[i-1] ?? 0, ends[i]) = 0x00 ‖ JWS. */
export interface WorkerTask {
  id: number;
  seqs: Float64Array;
  bytes: Uint8Array;
  ends: Uint32Array;
}

/**
 * Messages to a worker: a job's configuration (before its tasks), then tasks. Ports keep order, so
 * a warm-up sent first runs before the job's first task.
 */
export type WorkerMessage =
  { type: 'job'; init: WorkerInit } | ({ type: 'task' } & WorkerTask) | { type: 'warm-up'; records: number };

/** Per record: outcome before the chain check, leaf hash, and the payload's prev when it parsed. */
export interface WorkerResult {
  id: number;
  seqs: Float64Array; // the task's, handed back
  bytes: Uint8Array; // the task's, handed back for reuse
  outcomes: Uint8Array; // index into OUTCOME_CODES
  leaves: Uint8Array; // 32 bytes a record
  prevs: Uint8Array; // 32 bytes a record (zeros when hasPrev is 0)
  hasPrev: Uint8Array;
  /** What the next record's prev must equal, 32 bytes a record, when it is not the leaf (chain sha256-of-prev-token). */
  links?: Uint8Array;
  notes: { i: number; reason?: string; kid?: string }[]; // only for records that are not ok
  /**
   * For a batch of contiguous seqs: the compact ranges of its content leaves and outcome leaves,
   * with the chain checked inside the batch (its first record's link is the caller's to check).
   */
  ranges?: { content: SubtreeRangeJson; outcomes: SubtreeRangeJson };
}

export type WorkerReply =
  { id: number; ok: true; result: WorkerResult } | { id: number; ok: false; error: string };

/** The answer to a warm-up: how many of its records verified ok. */
export interface WarmedReply {
  type: 'warmed';
  ok: number;
}

export type { OutcomeCode };
