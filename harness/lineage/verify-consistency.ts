import { bytesEqual } from './bytes.js';
import { HASH_SIZE, nodeHash } from './hash.js';
import { fail, OK, type ProofResult } from './proof-result.js';

/**
 * RFC 9162 §2.1.4.2: verify that the tree of `size1` leaves with root `root1` is a prefix of the
 * tree of `size2` leaves with root `root2`. transparency-dev semantics: size1 = size2 needs an
 * empty proof and equal roots (compared as given); a proof from size1 = 0 is an error; every hash must be 32 bytes.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): ProofResult {
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 0 || size2 < 0) {
    return fail('sizes must be non-negative integers');
  }
  if (size2 < size1) return fail(`size2 ${size2} is smaller than size1 ${size1}`);
  if (size1 === 0) return fail('a consistency proof from an empty tree is meaningless');
  if (size1 === size2) {
    if (proof.length > 0) return fail('size1 = size2 but the proof is not empty');
    return bytesEqual(root1, root2) ? OK : fail('roots differ for equal sizes');
  }
  if (proof.length === 0) return fail('empty consistency proof');
  if (root1.length !== HASH_SIZE || root2.length !== HASH_SIZE) return fail('root is not 32 bytes');
  if (proof.some((p) => p.length !== HASH_SIZE)) return fail('proof hash is not 32 bytes');

  // Step 2: when size1 is a power of two, its root is the first node of the path.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0] as Uint8Array;
  let sr = fr;
  for (let i = 1; i < path.length; i++) {
    const c = path[i] as Uint8Array;
    if (sn === 0) return fail('proof is too long');
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) return fail('proof is too short');
  if (!bytesEqual(fr, root1)) return fail('calculated first root does not match root1');
  if (!bytesEqual(sr, root2)) return fail('calculated second root does not match root2');
  return OK;
}

// Sizes may exceed 2^32, so no bitwise operators.
function isPowerOfTwo(n: number): boolean {
  let m = n;
  while (m > 1 && m % 2 === 0) m /= 2;
  return m === 1;
}
