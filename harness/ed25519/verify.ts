import { verify, type KeyObject } from 'node:crypto';
import { ed25519Engine } from './engine.js';

// The raw 32-byte public key of each KeyObject, imported once (a KeyObject is made once per kid).
const RAW = new WeakMap<KeyObject, Uint8Array | null>();

/** The raw Ed25519 public key bytes of a KeyObject (null for any other key type). Cached. */
export function ed25519PublicKeyBytes(keyObject: KeyObject): Uint8Array | null {
  let raw = RAW.get(keyObject);
  if (raw === undefined) {
    raw = null;
    if (keyObject.type === 'public' && keyObject.asymmetricKeyType === 'ed25519') {
      const x = Buffer.from(keyObject.export({ format: 'jwk' }).x as string, 'base64url');
      if (x.length === 32) raw = x;
    }
    RAW.set(keyObject, raw);
  }
  return raw;
}

/**
 * Ed25519 with node:crypto's (OpenSSL 3) verdicts, libsodium first when it is loaded.
 * libsodium accepts a strict subset of what OpenSSL accepts once the signature is exactly 64 bytes
 * (it also refuses small-order R and A, and non-canonical A; tested on every vector suite and by a
 * property test), so: not 64 bytes → refused before either; libsodium accepts → accept; libsodium
 * refuses → OpenSSL decides. Outcomes are OpenSSL's; honest logs never reach the second call.
 */
export function verifyEd25519(keyObject: KeyObject, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  const sodium = ed25519Engine().verifyDetached;
  if (sodium !== undefined) {
    const pk = ed25519PublicKeyBytes(keyObject);
    if (pk !== null && sodium(signature, message, pk)) return true;
  }
  return verifyEd25519Node(keyObject, message, signature);
}

/** node:crypto alone (the reference path, and the one every libsodium refusal goes through). */
export function verifyEd25519Node(keyObject: KeyObject, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  try {
    return verify(null, message, keyObject, signature);
  } catch {
    return false;
  }
}

/** libsodium alone (for the tests that compare the paths): undefined where it did not load. */
export function verifyEd25519Sodium(
  keyObject: KeyObject,
  message: Uint8Array,
  signature: Uint8Array,
): boolean | undefined {
  const sodium = ed25519Engine().verifyDetached;
  if (sodium === undefined) return undefined;
  if (signature.length !== 64) return false;
  const pk = ed25519PublicKeyBytes(keyObject);
  return pk !== null && sodium(signature, message, pk);
}
