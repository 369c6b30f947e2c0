import { merkleRoot, splitPoint } from './merkle-root.js';

/**
 * RFC 6962 §2.1.1 PATH(m, D[n]): the inclusion proof of leaf m, from the leaf hashes (in memory:
 * meant for tests, tools and small trees; verification never needs it).
 */
export function inclusionProof(leafHashes: readonly Uint8Array[], index: number): Uint8Array[] {
  if (!Number.isSafeInteger(index) || index < 0 || index >= leafHashes.length) {
    throw new RangeError(`index ${index} is outside the tree of ${leafHashes.length} leaves`);
  }
  return path(leafHashes, index);
}

function path(d: readonly Uint8Array[], m: number): Uint8Array[] {
  if (d.length <= 1) return [];
  const k = splitPoint(d.length);
  return m < k
    ? [...path(d.slice(0, k), m), merkleRoot(d.slice(k))]
    : [...path(d.slice(k), m - k), merkleRoot(d.slice(0, k))];
}

/** RFC 6962 §2.1.2 PROOF(m, D[n]): the consistency proof from size m to the whole list. */
export function consistencyProof(leafHashes: readonly Uint8Array[], size1: number): Uint8Array[] {
  if (!Number.isSafeInteger(size1) || size1 < 1 || size1 > leafHashes.length) {
    throw new RangeError(`size1 ${size1} must be in 1..${leafHashes.length}`);
  }
  return subproof(size1, leafHashes, true);
}

function subproof(m: number, d: readonly Uint8Array[], b: boolean): Uint8Array[] {
  const n = d.length;
  if (m === n) return b ? [] : [merkleRoot(d)];
  const k = splitPoint(n);
  return m <= k
    ? [...subproof(m, d.slice(0, k), b), merkleRoot(d.slice(k))]
    : [...subproof(m - k, d.slice(k), false), merkleRoot(d.slice(0, k))];
}
