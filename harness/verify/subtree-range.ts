import { emptyRoot, HASH_SIZE, nodeHash } from '../lineage/hash.js';

// nodeHash(h, h) by identity of h. Shared leaf objects (one per outcome code) make every run of
// equal outcomes a tower of identical subtrees: each level is hashed once per thread, not once per
// node. Only objects nobody writes into are pushed twice (see outcomeLeafHash).
const DOUBLED = new WeakMap<Uint8Array, Uint8Array>();
function doubled(h: Uint8Array): Uint8Array {
  let d = DOUBLED.get(h);
  if (d === undefined) {
    d = nodeHash(h, h);
    DOUBLED.set(h, d);
  }
  return d;
}

/**
 * 2^level as a small integer while it is one: `2 ** n` is a float in V8, and one float stored in a
 * position field changes its representation and throws away the code optimised for it.
 */
const pow2 = (level: number): number => (level < 30 ? 1 << level : 2 ** level);

/** A perfect subtree: 2^level leaves, starting at a multiple of 2^level (RFC 6962 §2.1 shape). */
export interface Subtree {
  level: number;
  hash: Uint8Array;
}

/**
 * A compact range [begin, end) of an RFC 6962 tree: the aligned perfect subtrees that cover it,
 * largest-aligned first. Unlike a builder from 0, it can start anywhere, so shards over disjoint
 * seq ranges join exactly: appending the subtrees of [b, e) to the range [0, b) gives [0, e).
 */
export class SubtreeRange {
  readonly begin: number;
  #end: number;
  readonly #stack: Subtree[];

  constructor(begin: number, end = begin, stack: Subtree[] = []) {
    this.begin = begin;
    this.#end = end;
    this.#stack = stack;
  }

  get end(): number {
    return this.#end;
  }

  /** Appends one leaf hash at position `end`. */
  pushLeaf(leaf: Uint8Array): void {
    this.pushSubtree({ level: 0, hash: leaf });
  }

  /**
   * Appends a perfect subtree at position `end`; it must be aligned there (end % 2^level === 0),
   * which holds for subtrees taken from another range that starts where this one ends.
   */
  pushSubtree(tree: Subtree): void {
    const width = pow2(tree.level);
    if (this.#end % width !== 0)
      throw new RangeError(`subtree of 2^${tree.level} not aligned at ${this.#end}`);
    if (tree.hash.length !== HASH_SIZE) throw new RangeError(`hash must be ${HASH_SIZE} bytes`);
    let { level, hash } = tree;
    let start = this.#end;
    // Merge with the left neighbour while both are the two halves of one aligned parent.
    for (;;) {
      const top = this.#stack[this.#stack.length - 1];
      const parentWidth = pow2(level + 1);
      if (top === undefined || top.level !== level || (start - pow2(level)) % parentWidth !== 0) break;
      this.#stack.pop();
      hash = top.hash === hash ? doubled(hash) : nodeHash(top.hash, hash);
      start -= pow2(level);
      level += 1;
    }
    this.#stack.push({ level, hash });
    this.#end += width;
  }

  /** Appends every subtree of `other`, which must start where this range ends. */
  append(other: SubtreeRange): void {
    if (other.begin !== this.#end)
      throw new RangeError(`range starting at ${other.begin} cannot follow ${this.#end}`);
    for (const t of other.#stack) this.pushSubtree(t);
  }

  clone(): SubtreeRange {
    return new SubtreeRange(this.begin, this.#end, [...this.#stack]);
  }

  /** MTH(D[0:end]) — only defined for a range that starts at 0: fold the subtrees right to left. */
  root(): Uint8Array {
    if (this.begin !== 0) throw new RangeError('root() needs a range that starts at 0');
    const n = this.#stack.length;
    if (n === 0) return emptyRoot();
    let acc = (this.#stack[n - 1] as Subtree).hash;
    for (let i = n - 2; i >= 0; i--) acc = nodeHash((this.#stack[i] as Subtree).hash, acc);
    return acc;
  }

  toJSON(): SubtreeRangeJson {
    return {
      begin: this.begin,
      end: this.#end,
      subtrees: this.#stack.map((t) => [t.level, Buffer.from(t.hash).toString('hex')] as [number, string]),
    };
  }

  static fromJSON(json: SubtreeRangeJson): SubtreeRange {
    const r = new SubtreeRange(json.begin);
    for (const [level, hex] of json.subtrees) {
      if (!/^[0-9a-f]{64}$/.test(hex)) throw new RangeError('subtree hash is not 64 hex digits');
      r.pushSubtree({ level, hash: Buffer.from(hex, 'hex') });
    }
    if (r.end !== json.end)
      throw new RangeError(`subtrees cover [${json.begin}, ${r.end}), not up to ${json.end}`);
    return r;
  }
}

export interface SubtreeRangeJson {
  begin: number;
  end: number;
  subtrees: [level: number, hex: string][];
}
