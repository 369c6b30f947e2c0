import { canonicalJson } from '../report/canonical-json.js';
import { encodeBase64url } from './base64url.js';
import { RECORD_TYP } from './protected-header.js';
import type { RecordClaims } from './record-claims.js';
import type { RecordSigner } from './signers.js';

/** The record's protected header segment: base64url of JCS {"alg","kid","typ"}. */
export function recordHeaderSegment(signer: Pick<RecordSigner, 'alg' | 'kid'>): string {
  return encodeBase64url(canonicalJson({ alg: signer.alg, kid: signer.kid, typ: RECORD_TYP }));
}

/** Signs record claims as a compact JWS: JCS payload, strict header (the contract's record form). */
export function signRecord(claims: RecordClaims, signer: RecordSigner, headerSegment?: string): string {
  const input = `${headerSegment ?? recordHeaderSegment(signer)}.${encodeBase64url(canonicalJson(claims))}`;
  return `${input}.${encodeBase64url(signer.sign(Buffer.from(input, 'latin1')))}`;
}
