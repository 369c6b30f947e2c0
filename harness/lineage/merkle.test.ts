import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  emptyRoot,
  inclusionProof,
  leafHash,
  MerkleBuilder,
  merkleRoot,
  verifyConsistency,
  verifyInclusion,
} from './index.js';

const leaves = (n: number) => Array.from({ length: n }, (_, i) => leafHash(`leaf-${i}`));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('MerkleBuilder', () => {
  it('gives the recursive RFC 6962 root at every size from 0 to 300', () => {
    const all = leaves(300);
    const b = new MerkleBuilder();
    expect(hex(b.root())).toBe(hex(emptyRoot()));
    for (let n = 1; n <= all.length; n++) {
      b.push(all[n - 1] as Uint8Array);
      expect(hex(b.root()), `size ${n}`).toBe(hex(merkleRoot(all.slice(0, n))));
    }
  });

  it('keeps O(log n) state and resumes from it (shards join their compact ranges)', () => {
    const all = leaves(1000);
    const a = new MerkleBuilder();
    all.slice(0, 777).forEach((l) => a.push(l));
    const state = a.state();
    expect(state.hashes.length).toBe((777).toString(2).replace(/0/g, '').length);
    const b = MerkleBuilder.fromState(state);
    all.slice(777).forEach((l) => b.push(l));
    expect(hex(b.root())).toBe(hex(merkleRoot(all)));
    expect(() => MerkleBuilder.fromState({ size: 3, hashes: [] })).toThrow(RangeError);
  });

  it('refuses a leaf that is not a 32-byte hash', () => {
    expect(() => new MerkleBuilder().push(new Uint8Array(31))).toThrow(RangeError);
  });
});

describe('inclusion and consistency proofs (RFC 6962 §2.1.1/§2.1.2 → RFC 9162 verification)', () => {
  const all = leaves(70);
  it('every generated inclusion proof verifies, and fails for a neighbouring index', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70 }), fc.nat(), (n, i0) => {
        const i = i0 % n;
        const tree = all.slice(0, n);
        const root = merkleRoot(tree);
        const proof = inclusionProof(tree, i);
        expect(verifyInclusion(tree[i] as Uint8Array, i, n, proof, root)).toEqual({ ok: true });
        if (n > 1) {
          const j = (i + 1) % n;
          expect(verifyInclusion(tree[i] as Uint8Array, j, n, proof, root).ok).toBe(false);
        }
      }),
    );
  });

  it('every generated consistency proof verifies, and fails against a different old root', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 70 }), (a, b) => {
        const [m, n] = a <= b ? [a, b] : [b, a];
        const proof = consistencyProof(all.slice(0, n), m);
        const r1 = merkleRoot(all.slice(0, m));
        const r2 = merkleRoot(all.slice(0, n));
        expect(verifyConsistency(m, n, proof, r1, r2)).toEqual({ ok: true });
        if (m < n) expect(verifyConsistency(m, n, proof, r2, r2).ok).toBe(false);
      }),
    );
  });

  it.each([
    ['index beyond size', () => verifyInclusion(all[0] as Uint8Array, 5, 5, [], emptyRoot())],
    ['short leaf hash', () => verifyInclusion(new Uint8Array(31), 0, 1, [], emptyRoot())],
    [
      'proof too long',
      () => verifyInclusion(all[0] as Uint8Array, 0, 1, [all[1] as Uint8Array], all[0] as Uint8Array),
    ],
    ['size2 < size1', () => verifyConsistency(3, 2, [], emptyRoot(), emptyRoot())],
    ['from an empty tree', () => verifyConsistency(0, 2, [], emptyRoot(), emptyRoot())],
    ['empty proof for different sizes', () => verifyConsistency(1, 2, [], emptyRoot(), emptyRoot())],
  ])('%s is an error', (_name, run) => {
    expect(run().ok).toBe(false);
  });
});
