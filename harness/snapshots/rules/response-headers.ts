import type { Delta } from '../diff/types.js';
import { rule, type RuleFamily } from './define.js';
import { judgeSchema, schemaRules } from './schema-family.js';

const F = 'response-headers';
const SCOPES = ['response-header', 'response-header-property'] as const;

/** Response headers (OAS 3.1 §4.8.21): clients read them, so removals and looser schemas break. */
export const responseHeaders: RuleFamily = {
  family: F,
  rules: [
    ...schemaRules(F, SCOPES, 'response', 'schema'),
    rule(F, 'required-response-header-removed', 'breaking', 'Clients read a header that was always sent.'),
    rule(
      F,
      'optional-response-header-removed',
      'breaking',
      'Clients that read the header when present lose it (oasdiff: possibly breaking).',
    ),
    rule(F, 'response-header-added', 'additive', 'A new header clients may ignore.'),
    rule(F, 'response-header-became-optional', 'breaking', 'Clients relied on the header always being sent.'),
    rule(
      F,
      'response-header-property-property-removed',
      'breaking',
      'Clients read that member of the header value.',
    ),
    rule(
      F,
      'response-header-property-property-added',
      'additive',
      'A new member of the header value clients may ignore.',
    ),
    rule(
      F,
      'response-header-property-property-became-optional',
      'breaking',
      'Clients relied on the member always being present.',
    ),
    rule(F, 'response-header-property-property-became-required', 'non-breaking', 'A stronger guarantee.'),
    ...(['read-only', 'not-read-only', 'write-only', 'not-write-only'] as const).map((m) =>
      rule(
        F,
        `response-header-property-property-became-${m}`,
        'non-breaking',
        'Access annotation on a header value member.',
      ),
    ),
    rule(F, 'response-header-became-required', 'non-breaking', 'A stronger guarantee for clients.'),
  ],
  judge(d: Delta) {
    if (d.scope === 'response-header') {
      const what = `response header \`${d.subject}\` (${String(d.facts?.['status'] ?? '')})`;
      switch (d.change) {
        case 'header-removed':
          return d.facts?.['required']
            ? { id: 'required-response-header-removed', message: `required ${what} removed` }
            : { id: 'optional-response-header-removed', message: `optional ${what} removed` };
        case 'header-added':
          return { id: 'response-header-added', message: `new ${what}` };
        case 'became-optional':
          return { id: 'response-header-became-optional', message: `${what} became optional` };
        case 'became-required':
          return { id: 'response-header-became-required', message: `${what} became required` };
      }
    }
    if (d.scope === 'response-header-property' && d.change.startsWith('property-')) {
      return {
        id: `response-header-property-${d.change}`,
        message: `response header \`${d.subject}\`: ${d.change.replace(/-/g, ' ')}`,
      };
    }
    return judgeSchema(d, SCOPES, 'schema');
  },
};
