import { canonicalJson } from '../report/canonical-json.js';
import { decodeBase64url } from './base64url.js';
import { findDuplicateMember } from './duplicate-members.js';

/** The media type every proofgate record names in `typ` (RFC 7515 §4.1.9). */
export const RECORD_TYP = 'proofgate-record+jws';

export interface HeaderPolicy {
  /** When set, `typ` is required and must equal it; otherwise `typ` is optional. */
  typ?: string;
  /** Require `kid` (the key selector must be integrity-protected, never in an unprotected header). */
  requireKid: boolean;
  /** Require the header bytes to be exactly their RFC 8785 (JCS) form. */
  requireJcs: boolean;
  /** A record profile's allowed `typ` values (`null`: absent); when set it replaces `typ`. */
  typs?: readonly (string | null)[];
  /** A record profile's members allowed besides alg/kid/typ. */
  allow?: ReadonlySet<string>;
}

/** The record profile: header is exactly JCS `{"alg","kid","typ":"proofgate-record+jws"}`. */
export const RECORD_HEADER_POLICY: HeaderPolicy = Object.freeze({
  typ: RECORD_TYP,
  requireKid: true,
  requireJcs: true,
});

// Only these members may appear. Everything else — crit (RFC 7515 §4.1.11), b64 (RFC 7797),
// jwk/jku/x5u/x5c/x5t (key material or URLs from the attacker), cty, zip — is refused.
const ALLOWED = new Set(['alg', 'kid', 'typ']);

export type HeaderCheck =
  | { ok: true; alg: string; kid: string | undefined }
  | { ok: false; outcome: 'malformed' | 'header-policy'; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Strict check of a JWS protected header segment (base64url text as it appears in the JWS). */
export function checkProtectedHeader(
  protectedB64: string,
  policy: HeaderPolicy = RECORD_HEADER_POLICY,
): HeaderCheck {
  const bytes = decodeBase64url(protectedB64);
  if (bytes === undefined || bytes.length === 0) {
    return { ok: false, outcome: 'malformed', reason: 'protected header is not canonical base64url' };
  }
  let text: string;
  let header: unknown;
  try {
    text = utf8.decode(bytes);
    header = JSON.parse(text);
  } catch {
    return { ok: false, outcome: 'malformed', reason: 'protected header is not UTF-8 JSON' };
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    return { ok: false, outcome: 'malformed', reason: 'protected header is not a JSON object' };
  }
  const dup = findDuplicateMember(text);
  if (dup !== undefined) return policyFail(`duplicate header member ${JSON.stringify(dup)}`);
  const h = header as Record<string, unknown>;
  for (const name of Object.keys(h)) {
    if (!ALLOWED.has(name) && policy.allow?.has(name) !== true)
      return policyFail(`header member ${JSON.stringify(name)} is not allowed`);
  }
  if (typeof h.alg !== 'string' || h.alg.length === 0) return policyFail('alg is missing');
  if (h.kid !== undefined && (typeof h.kid !== 'string' || h.kid.length === 0)) {
    return policyFail('kid must be a non-empty string');
  }
  if (policy.requireKid && h.kid === undefined) return policyFail('kid is missing');
  if (h.typ !== undefined && typeof h.typ !== 'string') return policyFail('typ must be a string');
  if (policy.typs !== undefined) {
    if (!policy.typs.includes((h.typ as string | undefined) ?? null)) {
      const named = policy.typs.map((t) => (t === null ? 'absent' : JSON.stringify(t))).join(' or ');
      return policyFail(`typ must be ${named}`);
    }
  } else if (policy.typ !== undefined && h.typ !== policy.typ) {
    return policyFail(`typ must be ${JSON.stringify(policy.typ)}`);
  }
  if (policy.requireJcs && canonicalJson(h) !== text) {
    return policyFail('protected header is not in its JCS (RFC 8785) form');
  }
  return { ok: true, alg: h.alg, kid: h.kid as string | undefined };
}

function policyFail(reason: string): HeaderCheck {
  return { ok: false, outcome: 'header-policy', reason };
}
