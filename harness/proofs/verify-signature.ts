import { verify, type KeyObject } from 'node:crypto';
import { verifyEd25519 } from '../ed25519/index.js';

/**
 * The raw signature check. RFC 7518 §3.4: ES256 is exactly 64 bytes r‖s (a DER signature is
 * refused, not converted); RFC 8037 §3.1: EdDSA over Ed25519 is 64 bytes. Ed25519 runs on
 * libsodium first where it loaded, with node:crypto's verdicts (see verifyEd25519).
 */
export function verifySignature(
  alg: string,
  keyObject: KeyObject,
  signingInput: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (signature.length !== 64) return false;
  try {
    if (alg === 'EdDSA' || alg === 'Ed25519') return verifyEd25519(keyObject, signingInput, signature);
    if (alg === 'ES256') {
      return verify('sha256', signingInput, { key: keyObject, dsaEncoding: 'ieee-p1363' }, signature);
    }
  } catch {
    return false;
  }
  return false;
}

/** Whether a header alg can be used with a key of this type (alg/key confusion guard). */
export function algFitsKey(alg: string, keyObject: KeyObject): boolean {
  const type = keyObject.asymmetricKeyType;
  if (alg === 'EdDSA' || alg === 'Ed25519') return type === 'ed25519';
  if (alg === 'ES256') return type === 'ec' && keyObject.asymmetricKeyDetails?.namedCurve === 'prime256v1';
  return false;
}
