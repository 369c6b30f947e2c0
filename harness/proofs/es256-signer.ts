import { p256 } from '@noble/curves/nist.js';
import { encodeBase64url } from './base64url.js';
import type { RecordSigner } from './signers.js';

// Apart from signers.ts so that verifying (which signs nothing) never loads @noble/curves.

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
