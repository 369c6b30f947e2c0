// Per-record outcome codes. A record has exactly one; checks run in the order listed (the first
// that fails decides), so the same bytes always give the same code.
export const OUTCOMES = {
  ok: 'the record verifies: strict header, bound key and alg, signature, JCS payload, signing time',
  malformed: 'not a compact JWS of three canonical base64url segments with a UTF-8 JSON header',
  'header-policy':
    'protected header breaks the strict policy: members other than alg/kid/typ, duplicate members, crit, b64, jwk/jku/x5u/x5c, wrong typ, missing kid, not JCS',
  'unknown-kid': 'no key binding exists for the header kid',
  'key-invalid': 'the key binding for the kid is itself malformed (JWK, alg or validity dates)',
  'alg-not-allowed': "the header alg is not the bound key's alg (none, HS*, or a key-type mismatch)",
  'bad-signature': 'the signature does not verify (ES256 must be 64-byte raw r‖s, EdDSA 64 bytes)',
  'payload-policy':
    'payload is not exactly its RFC 8785 (JCS) form or lacks log/seq/prev/iat/statement of the right types',
  'outside-validity': "iat (signing time) is before the key's valid_from or at/after its valid_until",
  revoked: "iat (signing time) is at or after the key's revoked_at",
  'log-mismatch': 'payload log is not the origin of the log being verified',
  'seq-mismatch': 'payload seq is not the seq the record is stored under',
  'chain-break': 'payload prev is not the leaf hash of record seq-1 (64 zeros for seq 0)',
  'duplicate-seq': 'the seq occurs more than once',
  'missing-seq': 'a seq below the highest one is absent (gap)',
} as const;

export type OutcomeCode = keyof typeof OUTCOMES;

export const OUTCOME_CODES = Object.keys(OUTCOMES) as OutcomeCode[];

export function isOutcomeCode(value: string): value is OutcomeCode {
  return Object.prototype.hasOwnProperty.call(OUTCOMES, value);
}
