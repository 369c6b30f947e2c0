import { emptyRoot, HASH_SIZE, nodeHash } from './hash.js';

/**
 * Streaming RFC 6962 tree as a compact range (transparency-dev `compact.Range` from 0): one
 * perfect-subtree root per set bit of the size, so memory is O(log n) and `root()` at any size
 * costs O(log n) — the root at every anchor size comes out of one pass over the leaves.
 */
export class MerkleBuilder {
  // stack[i] is the root of a perfect subtree; sizes strictly decrease from bottom to top.
  readonly #stack: Uint8Array[] = [];
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** Appends one leaf hash (the output of `leafHash`). */
  push(leaf: Uint8Array): void {
    if (leaf.length !== HASH_SIZE) throw new RangeError(`leaf hash must be ${HASH_SIZE} bytes`);
    let node = leaf;
    // Sizes may pass 2^32, so no bitwise operators. Merge equal-size subtrees: one merge per trailing 1-bit of the old size.
    for (let s = this.#size; s % 2 === 1; s = Math.floor(s / 2)) {
      node = nodeHash(this.#stack.pop() as Uint8Array, node);
    }
    this.#stack.push(node);
    this.#size += 1;
  }

  /** MTH of the leaves pushed so far: fold the perfect subtrees right to left (RFC 6962 §2.1). */
  root(): Uint8Array {
    const n = this.#stack.length;
    if (n === 0) return emptyRoot();
    let acc = this.#stack[n - 1] as Uint8Array;
    for (let i = n - 2; i >= 0; i--) acc = nodeHash(this.#stack[i] as Uint8Array, acc);
    return acc;
  }

  /** The compact range (perfect subtree roots, largest first), e.g. to resume or join shards. */
  state(): { size: number; hashes: Uint8Array[] } {
    return { size: this.#size, hashes: [...this.#stack] };
  }

  /** Rebuilds a builder from `state()` output. */
  static fromState(state: { size: number; hashes: readonly Uint8Array[] }): MerkleBuilder {
    const b = new MerkleBuilder();
    let bits = 0;
    for (let s = state.size; s > 0; s = Math.floor(s / 2)) bits += s % 2;
    if (bits !== state.hashes.length) throw new RangeError('compact range does not match its size');
    for (const h of state.hashes) {
      if (h.length !== HASH_SIZE) throw new RangeError(`hash must be ${HASH_SIZE} bytes`);
      b.#stack.push(h);
    }
    b.#size = state.size;
    return b;
  }
}
