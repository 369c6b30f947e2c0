import { createHash, createPublicKey } from 'node:crypto';
import { createVerifier, httpbis, type VerifyingKey } from 'http-message-signatures';
import type { HttpResponse, Json } from '../types.js';
import type { KeyLookup } from './signature-header.js';

// RFC 9421 HTTP Message Signatures on a response, verified with `http-message-signatures` (the
// maintained implementation of the RFC on npm). A signature only vouches for the body when it covers
// an RFC 9530 `Content-Digest` that matches the exact body bytes, so both are required here.

const DIGESTS: Record<string, string> = { 'sha-256': 'sha256', 'sha-512': 'sha512' };

/** Algorithms a JWK may verify (RFC 9421 §6.2 registry names), by key type. */
function algsFor(jwk: Json): string[] {
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return ['ed25519'];
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') return ['ecdsa-p256-sha256'];
  if (jwk.kty === 'EC' && jwk.crv === 'P-384') return ['ecdsa-p384-sha384'];
  if (jwk.kty === 'RSA') return ['rsa-pss-sha512', 'rsa-v1_5-sha256'];
  return [];
}

function digestProblem(res: HttpResponse): string | undefined {
  const header = res.headers['content-digest'];
  if (header === undefined) return 'no Content-Digest header: the signature does not cover the body';
  const entries = header.split(',').map((e) => /^\s*([a-z0-9-]+)=:([A-Za-z0-9+/=]*):\s*$/.exec(e));
  const known = entries.filter((m) => m !== null && DIGESTS[m[1]!] !== undefined);
  if (known.length === 0) return `Content-Digest ${JSON.stringify(header)} has no sha-256/sha-512 member`;
  for (const m of known) {
    const want = createHash(DIGESTS[m![1]!]!).update(res.raw).digest('base64');
    if (want !== m![2]) return `Content-Digest ${m![1]} does not match the body bytes`;
  }
  return undefined;
}

/** Why the response's RFC 9421 signature does not verify, or undefined when it does. */
export async function verifyRfc9421(res: HttpResponse, keys: KeyLookup): Promise<string | undefined> {
  if (res.headers.signature === undefined) return 'Signature header is missing';
  if (res.headers['signature-input'] === undefined) return 'Signature-Input header is missing';
  const covers = /"content-digest"/i.test(res.headers['signature-input']);
  if (!covers) return 'Signature-Input does not cover content-digest: the body is not signed';
  const digest = digestProblem(res);
  if (digest !== undefined) return digest;
  let unknownKid: string | undefined;
  const keyLookup = async (params: { keyid?: string; alg?: string }): Promise<VerifyingKey | null> => {
    const jwk = params.keyid === undefined ? undefined : keys.get(params.keyid);
    if (jwk === undefined) {
      unknownKid = params.keyid ?? '(no keyid)';
      return null;
    }
    const algs = algsFor(jwk);
    const alg = params.alg ?? algs[0];
    if (alg === undefined || !algs.includes(alg)) return null;
    const key = createPublicKey({ key: jwk as never, format: 'jwk' });
    return { id: params.keyid, algs, verify: createVerifier(key, alg) };
  };
  try {
    const ok = await httpbis.verifyMessage(
      { keyLookup, tolerance: 5 },
      { status: res.status, headers: res.headers },
    );
    if (ok === true) return undefined;
    if (unknownKid !== undefined)
      return `keyid ${JSON.stringify(unknownKid)} is not in the published key set`;
    return 'signature does not verify';
  } catch (e) {
    return `signature does not verify (${(e as Error).message})`;
  }
}
