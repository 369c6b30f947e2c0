import type { Delta } from '../diff/types.js';
import { rule, type RuleFamily } from './define.js';
import { fromTo } from './define.js';
import { describe, judgeSchema, schemaRules } from './schema-family.js';

const F = 'request-schema';
const SCOPES = ['request-body', 'request-property'] as const;

/** Request body schemas: what the server accepts. Tightening breaks callers, loosening is additive. */
export const requestSchema: RuleFamily = {
  family: F,
  rules: [
    ...schemaRules(F, SCOPES, 'request', 'schema'),
    ...SCOPES.map((s) =>
      rule(
        F,
        `${s}-type-compatible`,
        'non-breaking',
        'object ↔ string under an XML media type: the same XML documents validate (as oasdiff).',
      ),
    ),
    rule(
      F,
      'request-property-removed',
      'breaking',
      'Callers still send it; the server may now reject or ignore it (oasdiff: possibly breaking).',
    ),
    rule(
      F,
      'new-required-request-property',
      'breaking',
      'Existing callers do not send the new required property.',
    ),
    rule(
      F,
      'new-required-request-property-with-default',
      'breaking',
      'A required property with a default is still required: callers that omit it are rejected.',
    ),
    rule(F, 'new-optional-request-property', 'additive', 'Callers may keep omitting it.'),
    rule(
      F,
      'new-read-only-request-property',
      'non-breaking',
      'readOnly properties are not sent in requests (OAS 3.1 §4.8.24.1).',
    ),
    rule(
      F,
      'request-property-became-required',
      'breaking',
      'Callers that omitted the property are now rejected.',
    ),
    rule(
      F,
      'request-property-became-required-with-default',
      'breaking',
      'Callers that omitted the property are now rejected, even though it has a default.',
    ),
    rule(F, 'request-property-became-optional', 'additive', 'Callers may now omit the property.'),
    rule(
      F,
      'request-read-only-property-removed',
      'non-breaking',
      'readOnly properties are not sent in requests.',
    ),
    ...(['required', 'optional'] as const).flatMap((r) =>
      (['write-only', 'not-write-only', 'read-only', 'not-read-only'] as const).map((m) =>
        rule(
          F,
          `request-${r}-property-became-${m}`,
          m === 'read-only' ? 'breaking' : 'non-breaking',
          m === 'read-only'
            ? 'A readOnly property is ignored or rejected when callers send it.'
            : 'Access annotations that do not restrict what callers may send.',
        ),
      ),
    ),
  ],
  judge(d: Delta) {
    if (d.scope !== 'request-body' && d.scope !== 'request-property') return undefined;
    const f = d.facts ?? {};
    switch (d.change) {
      case 'property-removed':
        return f['readOnly']
          ? { id: 'request-read-only-property-removed', message: describe(d, 'readOnly property removed') }
          : { id: 'request-property-removed', message: describe(d, 'property removed') };
      case 'property-added':
        if (f['readOnly'])
          return { id: 'new-read-only-request-property', message: describe(d, 'readOnly property added') };
        if (f['required'])
          return f['hasDefault']
            ? {
                id: 'new-required-request-property-with-default',
                message: describe(d, 'new required property (with a default)'),
              }
            : { id: 'new-required-request-property', message: describe(d, 'new required property') };
        return { id: 'new-optional-request-property', message: describe(d, 'new optional property') };
      case 'property-became-required':
        return f['hasDefault']
          ? {
              id: 'request-property-became-required-with-default',
              message: describe(d, 'became required (it has a default)'),
            }
          : { id: 'request-property-became-required', message: describe(d, 'became required') };
      case 'property-became-optional':
        return { id: 'request-property-became-optional', message: describe(d, 'became optional') };
      case 'property-became-read-only':
      case 'property-became-not-read-only':
      case 'property-became-write-only':
      case 'property-became-not-write-only': {
        const m = d.change.slice('property-became-'.length);
        return {
          id: `request-${f['required'] ? 'required' : 'optional'}-property-became-${m}`,
          message: describe(d, `became ${m.replace(/-/g, ' ')}`),
        };
      }
    }
    if (
      d.change === 'type-changed' &&
      /xml/.test(String(f['mediaType'] ?? '')) &&
      [d.from, d.to].includes('object') &&
      [d.from, d.to].includes('string')
    ) {
      // XML has no JSON object/string distinction at the element level: the same documents validate.
      return {
        id: `${d.scope}-type-compatible`,
        message: describe(d, `type changed${fromTo(d)}, compatible for XML`),
      };
    }
    return judgeSchema(d, SCOPES, 'schema');
  },
};
