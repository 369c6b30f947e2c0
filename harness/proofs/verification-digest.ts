import { leafHash } from '../lineage/hash.js';
import { MerkleBuilder } from '../lineage/merkle-builder.js';
import { OUTCOME_CODES, type OutcomeCode } from './outcome.js';

/**
 * Leaf data of the verification digest: the ASCII outcome code. The tree has exactly one leaf
 * per seq position (gaps are `missing-seq` leaves), so a leaf's index is its seq and the RFC 6962
 * root binds the whole (seq, outcome) list and its length. Equal outcomes give identical leaves,
 * so a run of `ok` records forms identical subtrees (which `SubtreeRange` hashes once per level).
 */
export function outcomeLeafData(outcome: OutcomeCode): Buffer {
  return Buffer.from(outcome, 'ascii');
}

// One leaf hash object per code, made once: the verifier needs one per record, and identical
// objects let tree builders recognise equal subtrees by identity.
const LEAF_HASHES = new Map(OUTCOME_CODES.map((c) => [c, leafHash(outcomeLeafData(c))]));

/** RFC 6962 leaf hash of `outcomeLeafData(outcome)` (a shared object: never write into it). */
export function outcomeLeafHash(outcome: OutcomeCode): Uint8Array {
  const h = LEAF_HASHES.get(outcome);
  if (h === undefined) throw new RangeError(`not an outcome code: ${JSON.stringify(outcome)}`);
  return h;
}

/**
 * Streaming verification digest: the RFC 6962 root over the outcome leaves in seq order.
 * `digest()` is lowercase hex; the empty history gives SHA-256("") (and is never a PASS).
 */
export class VerificationDigest {
  readonly #tree = new MerkleBuilder();

  /** Appends the outcome of seq, which must be the next position (seq = size). */
  push(seq: number, outcome: OutcomeCode): void {
    if (seq !== this.#tree.size) throw new RangeError(`expected seq ${this.#tree.size}, got ${seq}`);
    this.#tree.push(outcomeLeafHash(outcome));
  }

  get size(): number {
    return this.#tree.size;
  }

  digest(): string {
    return Buffer.from(this.#tree.root()).toString('hex');
  }

  /** Compact-range state, to continue a digest across shards. */
  get builder(): MerkleBuilder {
    return this.#tree;
  }
}

/** The verification digest of a whole list at once. */
export function verificationDigest(outcomes: Iterable<{ seq: number; outcome: OutcomeCode }>): string {
  const d = new VerificationDigest();
  for (const o of outcomes) d.push(o.seq, o.outcome);
  return d.digest();
}
