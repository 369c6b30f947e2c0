import type { Delta } from '../diff/types.js';
import type { DiffOptions } from '../types.js';
import { fromTo, rule, type RuleFamily } from './define.js';
import { removalKind, removalNote } from './removal.js';
import { describe, judgeSchema, schemaRules } from './schema-family.js';

const F = 'parameters';
const SCOPES = ['request-parameter', 'request-parameter-property', 'request-header-property'] as const;

/** Parameters by identity (in + name; path parameters by position). Request direction throughout. */
export const parameters: RuleFamily = {
  family: F,
  rules: [
    ...schemaRules(F, SCOPES, 'request', 'schema'),
    rule(F, 'request-parameter-removed', 'breaking', 'Callers still send it (oasdiff: possibly breaking).'),
    rule(
      F,
      'request-parameter-removed-with-deprecation',
      'non-breaking',
      'Removed after its announced deprecation/sunset.',
    ),
    rule(
      F,
      'request-parameter-removed-before-sunset',
      'breaking',
      'Removed before the sunset date that was promised.',
    ),
    rule(F, 'new-required-request-parameter', 'breaking', 'Existing callers do not send it.'),
    rule(F, 'new-optional-request-parameter', 'additive', 'Callers may keep omitting it.'),
    rule(
      F,
      'new-required-request-default-parameter-to-existing-path',
      'breaking',
      'A required path-level parameter applies to every operation of the path.',
    ),
    rule(
      F,
      'new-optional-request-default-parameter-to-existing-path',
      'additive',
      'An optional path-level parameter.',
    ),
    rule(F, 'new-request-path-parameter', 'breaking', 'A new path segment changes the URL callers build.'),
    rule(F, 'request-parameter-became-required', 'breaking', 'Callers that omitted it are now rejected.'),
    rule(F, 'request-parameter-became-optional', 'additive', 'Callers may now omit it.'),
    rule(
      F,
      'new-required-request-header-property',
      'breaking',
      'Callers do not send the new required property of the header value.',
    ),
    rule(
      F,
      'new-required-request-parameter-property',
      'breaking',
      'Callers do not send the new required property of the parameter value.',
    ),
    rule(
      F,
      'request-parameter-style-changed',
      'breaking',
      'A different serialization style (OAS 3.1 §4.8.12.4) changes how callers encode the value.',
    ),
    rule(
      F,
      'request-parameter-explode-changed',
      'breaking',
      'A different explode setting changes how callers encode the value.',
    ),
    rule(
      F,
      'request-parameter-allow-empty-value-changed',
      'breaking',
      'Empty values become accepted or rejected.',
    ),
    rule(
      F,
      'request-parameter-allow-reserved-changed',
      'breaking',
      'Reserved characters become allowed or percent-encoded.',
    ),
  ],
  judge(d: Delta, options: DiffOptions) {
    if (d.scope === 'request-parameter') {
      const f = d.facts ?? {};
      const what = `request parameter \`${d.subject}\``;
      switch (d.change) {
        case 'parameter-removed': {
          const r = removalKind(f, options);
          const id =
            r.kind === 'without-deprecation'
              ? 'request-parameter-removed'
              : r.kind === 'with-deprecation'
                ? 'request-parameter-removed-with-deprecation'
                : r.kind === 'before-sunset'
                  ? 'request-parameter-removed-before-sunset'
                  : 'request-parameter-sunset-parse';
          return { id, message: `${what} removed${removalNote(r)}` };
        }
        case 'parameter-added': {
          if (f['in'] === 'path')
            return { id: 'new-request-path-parameter', message: `new path parameter \`${d.subject}\`` };
          const req = f['required'] === true;
          if (f['pathLevel'])
            return {
              id: `new-${req ? 'required' : 'optional'}-request-default-parameter-to-existing-path`,
              message: `new ${req ? 'required' : 'optional'} path-level parameter \`${d.subject}\``,
            };
          return {
            id: `new-${req ? 'required' : 'optional'}-request-parameter`,
            message: `new ${req ? 'required' : 'optional'} request parameter \`${d.subject}\``,
          };
        }
        case 'became-required':
          return { id: 'request-parameter-became-required', message: `${what} became required` };
        case 'became-optional':
          return { id: 'request-parameter-became-optional', message: `${what} became optional` };
        case 'style-changed':
        case 'explode-changed':
        case 'allow-empty-value-changed':
        case 'allow-reserved-changed':
          return {
            id: `request-parameter-${d.change}`,
            message: `${what}: ${d.change.replace(/-/g, ' ')}${fromTo(d)}`,
          };
      }
    }
    if (
      d.change === 'type-changed' &&
      (SCOPES as readonly string[]).includes(d.scope) &&
      d.from === 'string'
    ) {
      // Parameters travel as strings: string → number/integer/boolean narrows what is accepted.
      return { id: `${d.scope}-type-specialized`, message: describe(d, `type specialized${fromTo(d)}`) };
    }
    const j = judgeSchema(d, SCOPES, 'schema');
    if (j) return j;
    if (
      (d.scope === 'request-parameter-property' || d.scope === 'request-header-property') &&
      d.change.startsWith('property-')
    ) {
      if (d.change === 'property-added' && d.facts?.['required'] === true) {
        const id =
          d.scope === 'request-header-property'
            ? 'new-required-request-header-property'
            : 'new-required-request-parameter-property';
        return { id, message: describe(d, 'new required property') };
      }
      return { id: `${d.scope}-${d.change}`, message: describe(d, d.change.replace(/-/g, ' ')) };
    }
    return undefined;
  },
};

// Object-valued parameters (deepObject, JSON content): their properties by requiredness, request direction.
for (const scope of ['request-parameter-property', 'request-header-property']) {
  parameters.rules = [
    ...parameters.rules,
    rule(F, `${scope}-property-removed`, 'breaking', 'Callers still send the property.'),
    rule(
      F,
      `${scope}-property-added`,
      'additive',
      'A new property callers may omit (a required one is judged by property-became-required).',
    ),
    rule(F, `${scope}-property-became-required`, 'breaking', 'Callers that omitted it are now rejected.'),
    rule(F, `${scope}-property-became-optional`, 'additive', 'Callers may now omit it.'),
    rule(
      F,
      `${scope}-property-became-read-only`,
      'breaking',
      'A readOnly property is ignored or rejected when sent.',
    ),
    rule(F, `${scope}-property-became-not-read-only`, 'non-breaking', 'Annotation only.'),
    rule(F, `${scope}-property-became-write-only`, 'non-breaking', 'Annotation only.'),
    rule(F, `${scope}-property-became-not-write-only`, 'non-breaking', 'Annotation only.'),
  ];
}
