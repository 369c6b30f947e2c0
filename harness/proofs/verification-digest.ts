import { hashLeafInput, leafHash } from '../lineage/hash.js';
import { MerkleBuilder } from '../lineage/merkle-builder.js';
import { OUTCOME_CODES, type OutcomeCode } from './outcome.js';

/**
 * Leaf data of the verification digest: 8-byte big-endian seq ‖ UTF-8 outcome code
 * (e.g. seq 5, "ok" → 00 00 00 00 00 00 00 05 6f 6b). Fixed, so equal digests mean equal
 * (seq, outcome) lists; the code is last, so its variable length needs no delimiter.
 */
export function outcomeLeafData(seq: number, outcome: OutcomeCode): Buffer {
  if (!Number.isSafeInteger(seq) || seq < 0) throw new RangeError('seq must be a non-negative integer');
  const buf = Buffer.alloc(8 + outcome.length);
  buf.writeBigUInt64BE(BigInt(seq), 0);
  buf.write(outcome, 8, 'ascii');
  return buf;
}

// 0x00 ‖ seq ‖ code, reused: the verifier hashes one outcome leaf per record.
const leafInput = Buffer.alloc(1 + 8 + 32);
const CODE_BYTES = new Map(OUTCOME_CODES.map((c) => [c, Buffer.from(c, 'ascii')]));

/** RFC 6962 leaf hash of `outcomeLeafData(seq, outcome)`. */
export function outcomeLeafHash(seq: number, outcome: OutcomeCode): Uint8Array {
  if (!Number.isSafeInteger(seq) || seq < 0) throw new RangeError('seq must be a non-negative integer');
  const code = CODE_BYTES.get(outcome);
  if (code === undefined) return leafHash(outcomeLeafData(seq, outcome));
  leafInput.writeUInt32BE(Math.floor(seq / 0x1_0000_0000), 1);
  leafInput.writeUInt32BE(seq >>> 0, 5);
  leafInput.set(code, 9);
  return hashLeafInput(leafInput.subarray(0, 9 + code.length));
}

/**
 * Streaming verification digest: the RFC 6962 root over the outcome leaves in seq order.
 * `digest()` is lowercase hex; the empty history gives SHA-256("") (and is never a PASS).
 */
export class VerificationDigest {
  readonly #tree = new MerkleBuilder();

  push(seq: number, outcome: OutcomeCode): void {
    this.#tree.push(outcomeLeafHash(seq, outcome));
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
