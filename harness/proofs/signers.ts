import { sign, type KeyObject } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import { ed25519PrivateKeyFromSeed, ed25519RawPublicKey } from '../lineage/ed25519-keys.js';
import { encodeBase64url } from './base64url.js';
import type { KeyBinding, SigningAlg } from './key-binding.js';

/** Signs a JWS signing input; the output is the JWS signature bytes (64 for both algs). */
export interface RecordSigner {
  kid: string;
  alg: SigningAlg;
  /** The public JWK members of the key (kty, crv, x[, y]). */
  jwk: Pick<KeyBinding, 'kty' | 'crv' | 'x' | 'y'>;
  sign(signingInput: Uint8Array): Uint8Array;
}

/** Ed25519 (RFC 8032 signatures are deterministic) from a 32-byte seed. */
export function ed25519Signer(kid: string, seed: Uint8Array): RecordSigner {
  const key: KeyObject = ed25519PrivateKeyFromSeed(seed);
  return {
    kid,
    alg: 'EdDSA',
    jwk: { kty: 'OKP', crv: 'Ed25519', x: encodeBase64url(ed25519RawPublicKey(key)) },
    sign: (input) => new Uint8Array(sign(null, input, key)),
  };
}

/**
 * ES256 from a 32-byte scalar. Node's ECDSA draws a random nonce, so for byte-identical histories
 * this uses @noble/curves' RFC 6979 deterministic nonces; output is raw r‖s (RFC 7518 §3.4).
 */
export function es256Signer(kid: string, scalar: Uint8Array): RecordSigner {
  if (!p256.utils.isValidSecretKey(scalar)) throw new RangeError('not a valid P-256 scalar');
  const pub = p256.getPublicKey(scalar, false); // 0x04 ‖ X ‖ Y
  return {
    kid,
    alg: 'ES256',
    jwk: {
      kty: 'EC',
      crv: 'P-256',
      x: encodeBase64url(pub.subarray(1, 33)),
      y: encodeBase64url(pub.subarray(33, 65)),
    },
    sign: (input) => p256.sign(input, scalar, { prehash: true, lowS: true }),
  };
}
