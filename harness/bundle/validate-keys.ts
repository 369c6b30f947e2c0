import { InputError } from '../errors/index.js';
import type { KeyBinding } from './types.js';

// RFC 3339 §5.6 date-time (structure only; which instants are valid for signing is the verifier's).
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

// Members of a private JWK (RFC 7518 §6.2.2, §6.3.2, §6.4): a bundle must never carry them.
const PRIVATE = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'];

function fail(file: string, pointer: string, message: string): InputError {
  return new InputError('ERR_BUNDLE', message, {
    file,
    pointer,
    hint: 'keys.jwks.json is {"keys":[key bindings]}; see docs/postgres.md',
  });
}

/** Structure of keys.jwks.json; duplicates and order are left for the verifier to judge. */
export function validateKeys(file: string, v: unknown): KeyBinding[] {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw fail(file, '', 'must be a JSON object');
  const keys = (v as Record<string, unknown>).keys;
  if (!Array.isArray(keys)) throw fail(file, '/keys', 'must be an array');
  return keys.map((k: unknown, i) => {
    const at = `/keys/${i}`;
    if (k === null || typeof k !== 'object' || Array.isArray(k)) throw fail(file, at, 'must be an object');
    const o = k as Record<string, unknown>;
    for (const m of ['kty', 'kid', 'alg']) {
      if (typeof o[m] !== 'string' || o[m] === '')
        throw fail(file, `${at}/${m}`, 'must be a non-empty string');
    }
    for (const m of PRIVATE) if (m in o) throw fail(file, `${at}/${m}`, 'private key material in a bundle');
    if (typeof o.valid_from !== 'string' || !RFC3339.test(o.valid_from)) {
      throw fail(file, `${at}/valid_from`, 'must be an RFC 3339 date-time');
    }
    for (const m of ['valid_until', 'revoked_at']) {
      if (!(m in o)) throw fail(file, `${at}/${m}`, 'is required (RFC 3339 date-time or null)');
      const t = o[m];
      if (t !== null && (typeof t !== 'string' || !RFC3339.test(t))) {
        throw fail(file, `${at}/${m}`, 'must be an RFC 3339 date-time or null');
      }
    }
    return o as KeyBinding;
  });
}
