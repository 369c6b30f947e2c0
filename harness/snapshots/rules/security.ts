import type { Delta } from '../diff/types.js';
import { fromTo, rule, type RuleFamily } from './define.js';

const F = 'security';

/**
 * Security requirements (OAS 3.1 §4.8.30: OR'ed alternatives of AND'ed schemes) and security schemes.
 * Removing an alternative or adding a scope locks callers out; the auth policy names these.
 */
export const security: RuleFamily = {
  family: F,
  rules: [
    ...(['', 'global-'] as const).flatMap((g) => [
      rule(
        F,
        `api-${g}security-added`,
        'additive',
        'A new alternative way to authenticate (a first requirement is named by the auth policy).',
      ),
      rule(
        F,
        `api-${g}security-removed`,
        'breaking',
        'Callers using that alternative can no longer authenticate.',
      ),
      rule(F, `api-${g}security-scope-added`, 'breaking', 'Tokens without the new scope are rejected.'),
      rule(F, `api-${g}security-scope-removed`, 'additive', 'Fewer scopes are needed.'),
    ]),
    rule(
      F,
      'api-security-component-added',
      'non-breaking',
      'A new scheme definition; requirements decide who must use it.',
    ),
    rule(F, 'api-security-component-removed', 'breaking', 'A scheme callers may use is gone.'),
    rule(F, 'api-security-component-type-changed', 'breaking', 'Callers authenticate a different way.'),
    rule(
      F,
      'api-security-component-changed',
      'breaking',
      'The scheme, location or name of the credential changed.',
    ),
    rule(
      F,
      'api-security-component-oauth-url-changed',
      'breaking',
      'Clients obtain authorization at a different URL.',
    ),
    rule(
      F,
      'api-security-component-oauth-token-url-changed',
      'breaking',
      'Clients obtain tokens at a different URL.',
    ),
    rule(F, 'api-security-component-oauth-scope-added', 'non-breaking', 'A new scope definition.'),
    rule(F, 'api-security-component-oauth-scope-removed', 'breaking', 'Tokens asking for that scope fail.'),
  ],
  judge(d: Delta) {
    if (d.scope !== 'endpoint' && d.scope !== 'api') return undefined;
    const m = /^(global-)?security-(added|removed|scope-added|scope-removed)$/.exec(d.change);
    const where = d.scope === 'api' ? 'global security' : `${d.method} ${d.path}: security`;
    if (m) return { id: `api-${d.change}`, message: `${where} ${m[2]!.replace('-', ' ')}${fromTo(d)}` };
    if (d.change.startsWith('security-component-'))
      return {
        id: `api-${d.change}`,
        message: `security scheme \`${d.subject}\`: ${d.change.slice(19).replace(/-/g, ' ')}${fromTo(d)}`,
      };
    return undefined;
  },
};
