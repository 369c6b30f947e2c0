import { emptyRoot, nodeHash } from './hash.js';

/** Largest power of two strictly smaller than n (n ≥ 2): the RFC 6962 §2.1 split point. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * RFC 6962 §2.1 Merkle Tree Hash over already-hashed leaves (use `leafHash` first).
 * Recursive definition, kept as the reference the streaming builder is tested against.
 */
export function merkleRoot(leafHashes: readonly Uint8Array[]): Uint8Array {
  if (leafHashes.length === 0) return emptyRoot();
  return subtreeRoot(leafHashes, 0, leafHashes.length);
}

function subtreeRoot(leaves: readonly Uint8Array[], from: number, to: number): Uint8Array {
  const n = to - from;
  if (n === 1) return leaves[from] as Uint8Array;
  const k = splitPoint(n);
  return nodeHash(subtreeRoot(leaves, from, from + k), subtreeRoot(leaves, from + k, to));
}
