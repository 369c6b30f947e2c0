import { describe, expect, it } from 'vitest';
import {
  contentDigest,
  newResponseKey,
  signResponse,
} from '../../../fixtures/foreign-service/sign-response.js';
import type { HttpResponse } from '../types.js';
import { keysFrom } from './signature-header.js';
import { verifyRfc9421 } from './verify-rfc9421.js';

// Real RFC 9421 signatures (http-message-signatures, Ed25519) over a real RFC 9530 digest.
const key = newResponseKey('k1');
const other = newResponseKey('k1');
const keys = keysFrom({ keys: [key.jwk] });
const body = Buffer.from('{"a":1}');

async function response(
  edit: (h: Record<string, string>) => Record<string, string> = (h) => h,
  signWith = key,
  raw = body,
): Promise<HttpResponse> {
  const base = { 'content-type': 'application/json' };
  const signed = await signResponse(signWith, 200, base, body);
  return { status: 200, headers: edit({ ...base, ...signed }), raw, json: undefined };
}

describe('verifyRfc9421 (HTTP Message Signatures on a response)', () => {
  it.each([
    ['a valid signature', { make: () => response(), want: undefined }],
    ['another key with the same keyid', { make: () => response((h) => h, other), want: /does not verify/ }],
    [
      'a body that differs from the digest',
      { make: () => response((h) => h, key, Buffer.from('{"a":2}')), want: /does not match the body/ },
    ],
    [
      'a digest re-computed for the other body (signature no longer covers it)',
      {
        make: () =>
          response(
            (h) => ({ ...h, 'content-digest': contentDigest(Buffer.from('{"a":2}')) }),
            key,
            Buffer.from('{"a":2}'),
          ),
        want: /does not verify/,
      },
    ],
    [
      'no Signature header',
      { make: () => response(({ signature: _s, ...h }) => h), want: /Signature header is missing/ },
    ],
    [
      'no Content-Digest',
      { make: () => response(({ 'content-digest': _d, ...h }) => h), want: /no Content-Digest/ },
    ],
    [
      'a signature that does not cover content-digest',
      {
        make: () =>
          response((h) => ({
            ...h,
            'signature-input': h['signature-input']!.replace('"content-digest" ', ''),
          })),
        want: /does not cover content-digest/,
      },
    ],
    [
      'an unknown keyid',
      {
        make: () =>
          response((h) => ({
            ...h,
            'signature-input': h['signature-input']!.replace('keyid="k1"', 'keyid="k9"'),
          })),
        want: /not in the published key set/,
      },
    ],
  ])('%s', async (_name, { make, want }) => {
    const got = await verifyRfc9421(await make(), keys);
    if (want === undefined) expect(got).toBeUndefined();
    else expect(got).toMatch(want);
  });
});
