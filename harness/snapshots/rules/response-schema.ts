import type { Delta } from '../diff/types.js';
import { rule, type RuleFamily } from './define.js';
import { fromTo } from './define.js';
import { describe, judgeSchema, schemaRules } from './schema-family.js';

const F = 'response-schema';
const SCOPES = ['response-body', 'response-property'] as const;

/** Response schemas: what clients rely on. Fewer guarantees break them; more guarantees do not. */
export const responseSchema: RuleFamily = {
  family: F,
  rules: [
    ...schemaRules(F, SCOPES, 'response', 'schema'),
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
      'response-required-property-removed',
      'breaking',
      'Clients read the property the response always carried.',
    ),
    rule(
      F,
      'response-optional-property-removed',
      'breaking',
      'Clients that read the property when present lose it (oasdiff: possibly breaking).',
    ),
    rule(
      F,
      'response-required-write-only-property-removed',
      'non-breaking',
      'writeOnly properties are never sent in responses (OAS 3.1 §4.8.24.1).',
    ),
    rule(
      F,
      'response-optional-write-only-property-removed',
      'non-breaking',
      'writeOnly properties are never sent in responses.',
    ),
    rule(F, 'response-required-property-added', 'additive', 'A new field clients may ignore.'),
    rule(F, 'response-optional-property-added', 'additive', 'A new field clients may ignore.'),
    rule(
      F,
      'response-required-write-only-property-added',
      'non-breaking',
      'writeOnly properties are never sent in responses.',
    ),
    rule(
      F,
      'response-optional-write-only-property-added',
      'non-breaking',
      'writeOnly properties are never sent in responses.',
    ),
    rule(
      F,
      'response-property-became-optional',
      'breaking',
      'Clients relied on the property always being present.',
    ),
    rule(
      F,
      'response-write-only-property-became-optional',
      'non-breaking',
      'writeOnly properties are never sent in responses.',
    ),
    rule(F, 'response-property-became-required', 'non-breaking', 'A stronger guarantee for clients.'),
    rule(
      F,
      'response-write-only-property-became-required',
      'non-breaking',
      'writeOnly properties are never sent in responses.',
    ),
    ...(['required', 'optional'] as const).flatMap((r) =>
      (['write-only', 'not-write-only', 'read-only', 'not-read-only'] as const).map((m) =>
        rule(
          F,
          `response-${r}-property-became-${m}`,
          m === 'write-only' || (r === 'required' && m === 'not-write-only') ? 'breaking' : 'non-breaking',
          m === 'write-only'
            ? 'A writeOnly property is not sent in responses (OAS 3.1 §4.8.24.1): clients lose it (stricter than oasdiff).'
            : r === 'required' && m === 'not-write-only'
              ? 'A required property that was never returned now must be (oasdiff: possibly breaking).'
              : 'Access annotations that do not take data away from clients.',
        ),
      ),
    ),
  ],
  judge(d: Delta) {
    if (d.scope !== 'response-body' && d.scope !== 'response-property') return undefined;
    const f = d.facts ?? {};
    const req = f['required'] ? 'required' : 'optional';
    const wo = f['writeOnly'] ? 'write-only-' : '';
    switch (d.change) {
      case 'property-removed':
        return {
          id: `response-${req}-${wo}property-removed`,
          message: describe(d, `${req} ${wo ? 'writeOnly ' : ''}property removed`),
        };
      case 'property-added':
        return {
          id: `response-${req}-${wo}property-added`,
          message: describe(d, `new ${req} ${wo ? 'writeOnly ' : ''}property`),
        };
      case 'property-became-required':
        return { id: `response-${wo}property-became-required`, message: describe(d, 'became required') };
      case 'property-became-optional':
        return { id: `response-${wo}property-became-optional`, message: describe(d, 'became optional') };
      case 'property-became-read-only':
      case 'property-became-not-read-only':
      case 'property-became-write-only':
      case 'property-became-not-write-only': {
        const m = d.change.slice('property-became-'.length);
        return {
          id: `response-${req}-property-became-${m}`,
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
