import type { BundleAnchor, RecordBatch } from '../bundle/index.js';
import type { RecordBytes } from '../ledger/index.js';
import type { RecordProfile } from '../proofs/index.js';

/** Where a log comes from: a bundle folder or a ledger database. Both feed the same engine. */
export interface LogSource {
  /** Goes into the report; must not differ between shards of one run. */
  readonly description: SourceDescription;
  readonly origin: string;
  readonly noteKeys: readonly string[];
  /** The record profile the source declares (a bundle manifest's), if any. */
  readonly profile?: RecordProfile;
  /** Key bindings exactly as stored (validated by the verifier, not here). */
  readonly keys: readonly unknown[];
  /** Highest stored seq + 1 (0 for an empty log): the positions [0, extent) the tree covers. */
  extent(): Promise<number>;
  /**
   * extent() reads every row (a bundle): a whole-log run with a known thread count learns it from
   * the stream instead, and reads the rows once.
   */
  readonly extentIsScan?: boolean;
  /**
   * Stored rows in stored order. A source may restrict to seqs in [from, to) when its rows are
   * ordered by seq (a database); a bundle streams every row, so order is checked globally.
   */
  batches(from: number, to: number, batchSize: number): AsyncIterable<RecordBatch | RecordBytes>;
  anchors(): AsyncIterable<BundleAnchor>;
  close(): Promise<void>;
  /**
   * What distinguishes this source from another with the same origin, keys and extent, so shards
   * of different runs cannot be merged: a digest of all stored data when one is cheap (a bundle's
   * files), and/or where it lives (a database's system identifier, database and schema), and
   * for a source mapping, what it reads there.
   */
  fingerprint?(): Promise<SourceFingerprint>;
}

export interface SourceFingerprint {
  dataDigest?: string;
  location?: string;
  /** sha256 of the source mapping (tables, columns, queries) of a team's own ledger. */
  mappingDigest?: string;
}

export interface SourceDescription {
  kind: 'bundle' | 'database';
  /** A database read through a source mapping (the team's own tables), not proofgate's ledger tables. */
  mapping?: string;
  provider?: string;
  serverVersion?: string;
}
