import type { Delta } from '../diff/types.js';
import { rule, type RuleFamily } from './define.js';

const F = 'signature-headers';
const AUTH_HEADER =
  /^(authorization|proxy-authorization|signature|signature-input|digest|content-digest|repr-digest|x-api-key|api-key|x-signature|[a-z0-9-]*-signature[a-z0-9-]*|x-[a-z0-9-]*-signature)$/i;

/**
 * Seed policy: auth and signature headers. Security requirements, required request headers and
 * response signature headers (RFC 9421 `Signature`/`Signature-Input`, digests) are frozen.
 */
export const signatureHeaders: RuleFamily = {
  family: F,
  rules: [
    rule(
      F,
      'auth-security-requirement-changed',
      'breaking',
      'Seed policy: who may call an operation, and how, is part of the contract.',
    ),
    rule(
      F,
      'auth-signature-header-changed',
      'breaking',
      'Seed policy: required request headers and response signature headers are part of the contract.',
    ),
  ],
  policy(d: Delta, base) {
    if (d.scope === 'endpoint' || d.scope === 'api') {
      const sec = /security/.test(d.change);
      if (!sec) return undefined;
      const first = /security-added$/.test(d.change) && d.facts?.['hadNone'] === true;
      if (base.class === 'breaking' || first)
        return {
          id: 'auth-security-requirement-changed',
          message: `auth changed: ${base.id}${d.path ? ` on ${d.method} ${d.path}` : ''}`,
        };
      return undefined;
    }
    if (d.scope === 'request-parameter' && d.facts?.['in'] === 'header') {
      const name = String(d.facts?.['name'] ?? '');
      const requiredNow =
        (d.change === 'parameter-added' || d.change === 'became-required') && d.facts?.['required'] === true;
      if (requiredNow || (AUTH_HEADER.test(name) && base.class === 'breaking')) {
        return {
          id: 'auth-signature-header-changed',
          message: `request header \`${name}\` changed: ${base.id}`,
        };
      }
      return undefined;
    }
    if (
      (d.scope === 'response-header' || d.scope === 'response-header-property') &&
      base.class === 'breaking'
    ) {
      const name = String(d.facts?.['header'] ?? d.subject);
      if (AUTH_HEADER.test(name))
        return {
          id: 'auth-signature-header-changed',
          message: `response signature header \`${name}\` changed: ${base.id}`,
        };
    }
    return undefined;
  },
};
