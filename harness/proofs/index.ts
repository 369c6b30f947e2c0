// Proofs: strict JWS verification of historical records, key bindings, outcome codes, digests.
export { OUTCOMES, OUTCOME_CODES, isOutcomeCode, type OutcomeCode } from './outcome.js';
export { decodeBase64url, decodeBase64urlBytes, encodeBase64url } from './base64url.js';
export { findDuplicateMember } from './duplicate-members.js';
export {
  RECORD_TYP,
  RECORD_HEADER_POLICY,
  checkProtectedHeader,
  type HeaderPolicy,
  type HeaderCheck,
} from './protected-header.js';
export {
  SIGNING_ALGS,
  bindKey,
  publicJwk,
  sortBindings,
  keyBindingDigest,
  type SigningAlg,
  type KeyBinding,
  type BoundKey,
  type BindResult,
} from './key-binding.js';
export { parseRfc3339, formatRfc3339 } from './rfc3339.js';
export { verifySignature, algFitsKey } from './verify-signature.js';
export { HeaderCache } from './header-cache.js';
export {
  verifyJwsStrict,
  verifyJwsBytes,
  type StrictJwsOptions,
  type JwsVerification,
  type KeyEntry,
} from './verify-jws.js';
export { ZERO_PREV, parseRecordClaims, type RecordClaims } from './record-claims.js';
export { PLAIN_OK, PLAIN_OK_PREV } from './plain-fields.js';
export {
  RecordVerifier,
  verifyRecord,
  type RecordVerification,
  type RecordContext,
} from './verify-record.js';
export {
  outcomeLeafData,
  outcomeLeafHash,
  VerificationDigest,
  verificationDigest,
} from './verification-digest.js';
export { ed25519Signer, type RecordSigner } from './signers.js';
export { es256Signer } from './es256-signer.js';
export { recordHeaderSegment, signRecord } from './sign-record.js';
export { isJcsText } from './is-jcs-text.js';
export {
  DEFAULT_RECORD_PROFILE,
  DEFAULT_PROFILE_DIGEST,
  profileDigest,
  isDefaultProfile,
  disabledChecks,
  type RecordProfile,
} from './record-profile.js';
export { resolveProfile, type ProfileResult } from './resolve-profile.js';
export { compileClaims, type ProfileClaims } from './profile-claims.js';
export {
  ed25519Engine,
  ed25519EngineInfo,
  noteEd25519Engine,
  type Ed25519Engine,
  ed25519PublicKeyBytes,
  verifyEd25519,
  verifyEd25519Node,
  verifyEd25519Sodium,
} from '../ed25519/index.js';
