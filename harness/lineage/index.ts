// Lineage: RFC 6962/9162 Merkle trees and proofs, C2SP signed notes and tlog checkpoints (anchors).
export { HASH_SIZE, leafHash, hashLeafInput, nodeHash, emptyRoot } from './hash.js';
export { merkleRoot, splitPoint } from './merkle-root.js';
export { MerkleBuilder } from './merkle-builder.js';
export { inclusionProof, consistencyProof } from './make-proofs.js';
export type { ProofResult } from './proof-result.js';
export { verifyInclusion } from './verify-inclusion.js';
export { verifyConsistency } from './verify-consistency.js';
export { bytesEqual, toHex } from './bytes.js';
export { NoteFormatError } from './note-format-error.js';
export { decodeStdBase64, encodeStdBase64 } from './std-base64.js';
export { ed25519PrivateKeyFromSeed, ed25519PublicKeyFromRaw, ed25519RawPublicKey } from './ed25519-keys.js';
export { NOTE_ALG_ED25519, noteKeyId, formatVkey, parseVkey, type NoteVerifier } from './vkey.js';
export {
  parseNote,
  signNote,
  verifyNote,
  type NoteSignature,
  type ParsedNote,
  type NoteSigner,
  type NoteVerification,
} from './signed-note.js';
export {
  formatCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  verifyCheckpoint,
  type Checkpoint,
  type CheckpointVerification,
} from './checkpoint.js';
