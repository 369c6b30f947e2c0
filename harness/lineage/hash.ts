import { createHash, hash } from 'node:crypto';
import { sha256 } from './sha256-into.js';

// RFC 6962 §2.1 (RFC 9162 §2.1.1): domain-separated SHA-256 so a leaf can never pose as a node.
export const HASH_SIZE = 32;
const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/** MTH({d}) = SHA-256(0x00 ‖ d). A string is hashed as its UTF-8 bytes (a record's compact JWS). */
export function leafHash(data: string | Uint8Array): Uint8Array {
  return createHash('sha256').update(LEAF_PREFIX).update(data).digest();
}

/**
 * SHA-256 of a leaf input that already starts with the 0x00 prefix (0x00 ‖ d): the verifier
 * packs records that way so each leaf is hashed in one call without copying.
 */
export function hashLeafInput(leafInput: Uint8Array): Uint8Array {
  if (leafInput[0] !== 0x00) throw new RangeError('a leaf input starts with 0x00');
  return hash('sha256', leafInput, 'buffer');
}

// One reusable input buffer and the one-shot crypto.hash: a tree does one node hash per leaf, and
// this is about twice as fast as a Hash object per call (hash() copies its input, so reuse is safe).
const nodeInput = Buffer.alloc(1 + 2 * HASH_SIZE);
nodeInput[0] = 0x01;

/** SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) {
    return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
  }
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + HASH_SIZE);
  return sha256(nodeInput);
}

/** MTH({}) = SHA-256(""): the root of the empty tree. */
export function emptyRoot(): Uint8Array {
  return createHash('sha256').digest();
}
