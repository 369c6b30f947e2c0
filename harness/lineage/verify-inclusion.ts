import { bytesEqual } from './bytes.js';
import { HASH_SIZE, nodeHash } from './hash.js';
import { fail, OK, type ProofResult } from './proof-result.js';

/**
 * RFC 9162 §2.1.3.2: verify that `leaf` (a leaf hash) is at 0-based `index` in the tree of
 * `size` leaves whose root is `root`. Like transparency-dev `proof.VerifyInclusion`, every hash
 * must be 32 bytes and the proof must have exactly the length the (index, size) pair implies.
 */
export function verifyInclusion(
  leaf: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): ProofResult {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || size < 0) {
    return fail('index and size must be non-negative integers');
  }
  if (index >= size) return fail(`index ${index} is beyond the tree size ${size}`);
  if (leaf.length !== HASH_SIZE) return fail('leaf hash is not 32 bytes');
  if (root.length !== HASH_SIZE) return fail('root hash is not 32 bytes');
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (p.length !== HASH_SIZE) return fail('proof hash is not 32 bytes');
    if (sn === 0) return fail('proof is too long');
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) return fail('proof is too short');
  return bytesEqual(r, root) ? OK : fail('calculated root does not match the given root');
}
