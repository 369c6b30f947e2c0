import { flattenedVerify, importJWK, type JWK } from 'jose';
import type { RunContext } from '../context.js';
import { responseFor } from '../operations.js';
import { isObject } from '../pointer.js';
import type { Exchange, Json } from '../types.js';
import { verifyRfc9421 } from './verify-rfc9421.js';

const ALGS = ['EdDSA', 'Ed25519', 'ES256', 'ES384', 'ES512', 'PS256', 'RS256'];

export type KeyLookup = Map<string, Json>;

/** kid → public JWK from a JWKS body (RFC 7517 §5); only the key members are kept. */
export function keysFrom(json: unknown): KeyLookup {
  const out: KeyLookup = new Map();
  const keys = isObject(json) && Array.isArray(json.keys) ? json.keys : [];
  for (const k of keys) {
    if (!isObject(k) || typeof k.kid !== 'string') continue;
    const jwk: Json = {};
    for (const m of ['kty', 'crv', 'x', 'y', 'n', 'e']) if (typeof k[m] === 'string') jwk[m] = k[m];
    out.set(k.kid, { ...jwk, ...(typeof k.alg === 'string' ? { alg: k.alg } : {}) });
  }
  return out;
}

function fromB64url(s: string): unknown {
  return JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
}

/** Why a detached JWS (RFC 7515 Appendix F) does not verify over `body`, or undefined when it does. */
export async function verifyDetached(
  value: string,
  body: Buffer,
  keys: KeyLookup,
): Promise<string | undefined> {
  const m = /^([A-Za-z0-9_-]+)\.\.([A-Za-z0-9_-]+)$/.exec(value);
  if (m === null) return 'not a detached compact JWS (PROTECTED..SIGNATURE)';
  let header: Json;
  try {
    const h = fromB64url(m[1]!);
    if (!isObject(h)) return 'protected header is not a JSON object';
    header = h;
  } catch {
    return 'protected header is not base64url JSON';
  }
  const alg = typeof header.alg === 'string' ? header.alg : '';
  if (!ALGS.includes(alg)) return `alg ${JSON.stringify(header.alg)} is not allowed`;
  if (
    header.b64 === false ||
    header.jwk !== undefined ||
    header.jku !== undefined ||
    header.x5u !== undefined
  )
    return 'protected header carries b64/jwk/jku/x5u (not allowed)';
  const kid = typeof header.kid === 'string' ? header.kid : undefined;
  const jwk = kid === undefined ? undefined : keys.get(kid);
  if (jwk === undefined) return `kid ${JSON.stringify(kid)} is not in the published key set`;
  try {
    const key = await importJWK(jwk as JWK, alg);
    await flattenedVerify({ protected: m[1]!, payload: body.toString('base64url'), signature: m[2]! }, key, {
      algorithms: [alg],
    });
    return undefined;
  } catch (e) {
    return `signature does not verify over the body bytes (${(e as Error).message})`;
  }
}

/**
 * Every response that documents the signature header (conventions.signature) must carry one that
 * verifies over its exact bytes: a detached JWS in that header, or RFC 9421 Signature + Signature-Input.
 */
export async function checkSignatureHeaders(
  ctx: RunContext,
  exchanges: readonly Exchange[],
  keys: KeyLookup,
): Promise<void> {
  const convention = ctx.conventions.signature;
  if (convention === undefined) return;
  for (const ex of exchanges) {
    const spec = responseFor(ex.op, ex.response.status);
    if (spec === undefined) continue;
    for (const name of Object.keys(spec.headers).filter((h) => h === convention.header)) {
      ctx.ran('signature-header');
      const value = ex.response.headers[name];
      const problem =
        convention.scheme === 'rfc9421'
          ? await verifyRfc9421(ex.response, keys)
          : value === undefined
            ? `${name} header is missing`
            : await verifyDetached(value, ex.response.raw, keys);
      if (problem === undefined) continue;
      ctx.fail(
        'signature-header',
        ex.op,
        `status ${ex.response.status}: ${name}: ${problem}`,
        spec.headers[name]!.pointer,
      );
    }
  }
}
