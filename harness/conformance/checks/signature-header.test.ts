import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keysFrom, verifyDetached } from './signature-header.js';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');
const jwks = {
  keys: [
    { ...publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'EdDSA', valid_from: '2020-01-01T00:00:00Z' },
  ],
};
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64url');
const body = Buffer.from('{"a":1}');
function detached(header: object, payload: Buffer, key = privateKey): string {
  const h = b64(JSON.stringify(header));
  return `${h}..${b64(sign(null, Buffer.from(`${h}.${b64(payload)}`), key))}`;
}

describe('verifyDetached (RFC 7515 Appendix F over the exact body bytes)', () => {
  it.each([
    ['a valid signature', { value: detached({ alg: 'EdDSA', kid: 'k1' }, body), want: undefined }],
    [
      'another body (one byte differs)',
      { value: detached({ alg: 'EdDSA', kid: 'k1' }, Buffer.from('{"a":2}')), want: /does not verify/ },
    ],
    [
      're-serialized body (whitespace)',
      { value: detached({ alg: 'EdDSA', kid: 'k1' }, Buffer.from('{"a": 1}')), want: /does not verify/ },
    ],
    [
      'another key',
      { value: detached({ alg: 'EdDSA', kid: 'k1' }, body, other.privateKey), want: /does not verify/ },
    ],
    [
      'an unknown kid',
      { value: detached({ alg: 'EdDSA', kid: 'nope' }, body), want: /not in the published key set/ },
    ],
    ['alg none', { value: `${b64('{"alg":"none","kid":"k1"}')}..AAAA`, want: /not allowed/ }],
    ['an embedded jwk', { value: detached({ alg: 'EdDSA', kid: 'k1', jwk: {} }, body), want: /not allowed/ }],
    [
      'an attached (non-detached) JWS',
      { value: `${b64('{"alg":"EdDSA"}')}.${b64(body)}.AAAA`, want: /not a detached/ },
    ],
    ['garbage header', { value: 'Zm9v..AAAA', want: /not base64url JSON/ }],
  ])('%s', async (_name, { value, want }) => {
    const got = await verifyDetached(value, body, keysFrom(jwks));
    if (want === undefined) expect(got).toBeUndefined();
    else expect(got).toMatch(want);
  });
});
