import { sign, type KeyObject } from 'node:crypto';
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
