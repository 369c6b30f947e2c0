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
    return judgeSchema(d, SCOPES, 'schema');
  },
};
