import { describe, expect, it } from 'vitest';
import { diffSpecs, RULES, verdictOf } from '../index.js';
import { SCHEMA_CHANGES, schemaRuleId } from './schema-table.js';

type J = Record<string, unknown>;
const CLASS = new Map(RULES.map((r) => [r.id, r.class]));

/** A one-operation spec; `op` is merged into POST /items. */
function spec(op: J = {}, extra: J = {}, pathExtra: J = {}): J {
  return {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: { '/items': { post: { responses: { '200': { description: 'ok' } }, ...op }, ...pathExtra } },
    ...extra,
  };
}
const body = (schema: unknown, required = false): J => ({
  requestBody: { required, content: { 'application/json': { schema } } },
});
const ok = (schema: unknown, headers?: J): J => ({
  responses: {
    '200': {
      description: 'ok',
      content: { 'application/json': { schema } },
      ...(headers ? { headers } : {}),
    },
  },
});
const obj = (p: unknown): J => ({ type: 'object', properties: { p } });

/** Where a schema fragment sits for each scope. */
const EMBED: Record<string, (s: unknown) => J> = {
  'request-body': (s) => spec(body(s)),
  'request-property': (s) => spec(body(obj(s))),
  'request-parameter': (s) => spec({ parameters: [{ in: 'query', name: 'q', schema: s }] }),
  'request-parameter-property': (s) => spec({ parameters: [{ in: 'query', name: 'q', schema: obj(s) }] }),
  'request-header-property': (s) => spec({ parameters: [{ in: 'header', name: 'X-Q', schema: obj(s) }] }),
  'response-body': (s) => spec(ok(s)),
  'response-property': (s) => spec(ok(obj(s))),
  'response-header': (s) => spec(ok({ type: 'string' }, { 'X-R': { schema: s } })),
  'response-header-property': (s) => spec(ok({ type: 'string' }, { 'X-R': { schema: obj(s) } })),
};

/** One base → candidate schema pair per neutral schema change. */
const FRAGMENTS: Record<string, [unknown, unknown]> = {};
const S = { type: 'string' };
for (const [kw, name] of [
  ['maxLength', 'max-length'],
  ['minLength', 'min-length'],
  ['maxItems', 'max-items'],
  ['minItems', 'min-items'],
  ['maxProperties', 'max-properties'],
  ['minProperties', 'min-properties'],
  ['maximum', 'max'],
  ['minimum', 'min'],
  ['exclusiveMaximum', 'exclusive-max'],
  ['exclusiveMinimum', 'exclusive-min'],
  ['maxContains', 'max-contains'],
  ['minContains', 'min-contains'],
] as const) {
  FRAGMENTS[`${name}-set`] = [S, { ...S, [kw]: 5 }];
  FRAGMENTS[`${name}-unset`] = [{ ...S, [kw]: 5 }, S];
  FRAGMENTS[`${name}-increased`] = [
    { ...S, [kw]: 5 },
    { ...S, [kw]: 10 },
  ];
  FRAGMENTS[`${name}-decreased`] = [
    { ...S, [kw]: 10 },
    { ...S, [kw]: 5 },
  ];
}
Object.assign(FRAGMENTS, {
  'pattern-added': [S, { ...S, pattern: '^a$' }],
  'pattern-removed': [{ ...S, pattern: '^a$' }, S],
  'pattern-changed': [
    { ...S, pattern: '^a$' },
    { ...S, pattern: '^b$' },
  ],
  'pattern-generalized': [
    { ...S, pattern: '^a$' },
    { ...S, pattern: '.*' },
  ],
  'format-added': [S, { ...S, format: 'date' }],
  'format-removed': [{ ...S, format: 'date' }, S],
  'format-changed': [
    { ...S, format: 'date' },
    { ...S, format: 'date-time' },
  ],
  'unique-items-set': [S, { ...S, uniqueItems: true }],
  'unique-items-unset': [{ ...S, uniqueItems: true }, S],
  'content-media-type-changed': [
    { ...S, contentMediaType: 'a/b' },
    { ...S, contentMediaType: 'c/d' },
  ],
  'content-encoding-changed': [
    { ...S, contentEncoding: 'base64' },
    { ...S, contentEncoding: 'base32' },
  ],
  'type-changed': [{ type: 'integer' }, { type: 'boolean' }],
  'type-generalized': [{ type: 'integer' }, { type: 'number' }],
  'type-specialized': [{ type: 'number' }, { type: 'integer' }],
  'list-of-types-widened': [{ type: ['string', 'integer'] }, { type: ['string', 'integer', 'boolean'] }],
  'list-of-types-narrowed': [{ type: ['string', 'integer', 'boolean'] }, { type: ['string', 'integer'] }],
  'became-nullable': [S, { type: ['string', 'null'] }],
  'became-not-nullable': [{ type: ['string', 'null'] }, S],
  'became-enum': [S, { ...S, enum: ['a'] }],
  'enum-removed': [{ ...S, enum: ['a'] }, S],
  'enum-value-added': [
    { ...S, enum: ['a'] },
    { ...S, enum: ['a', 'b'] },
  ],
  'enum-value-removed': [
    { ...S, enum: ['a', 'b'] },
    { ...S, enum: ['a'] },
  ],
  'x-extensible-enum-value-added': [
    { ...S, 'x-extensible-enum': ['a'] },
    { ...S, 'x-extensible-enum': ['a', 'b'] },
  ],
  'x-extensible-enum-value-removed': [
    { ...S, 'x-extensible-enum': ['a', 'b'] },
    { ...S, 'x-extensible-enum': ['a'] },
  ],
  'const-added': [S, { ...S, const: 'a' }],
  'const-removed': [{ ...S, const: 'a' }, S],
  'const-changed': [
    { ...S, const: 'a' },
    { ...S, const: 'b' },
  ],
  'default-value-added': [S, { ...S, default: 'a' }],
  'default-value-removed': [{ ...S, default: 'a' }, S],
  'default-value-changed': [
    { ...S, default: 'a' },
    { ...S, default: 'b' },
  ],
  'discriminator-added': [{ type: 'object' }, { type: 'object', discriminator: { propertyName: 'k' } }],
  'discriminator-removed': [{ type: 'object', discriminator: { propertyName: 'k' } }, { type: 'object' }],
  'discriminator-property-name-changed': [
    { type: 'object', discriminator: { propertyName: 'k' } },
    { type: 'object', discriminator: { propertyName: 'j' } },
  ],
  'discriminator-mapping-added': [
    { type: 'object', discriminator: { propertyName: 'k' } },
    { type: 'object', discriminator: { propertyName: 'k', mapping: { a: '#/components/schemas/A' } } },
  ],
  'discriminator-mapping-deleted': [
    { type: 'object', discriminator: { propertyName: 'k', mapping: { a: '#/components/schemas/A' } } },
    { type: 'object', discriminator: { propertyName: 'k' } },
  ],
  'discriminator-mapping-changed': [
    { type: 'object', discriminator: { propertyName: 'k', mapping: { a: '#/components/schemas/A' } } },
    { type: 'object', discriminator: { propertyName: 'k', mapping: { a: '#/components/schemas/B' } } },
  ],
  'one-of-added': [{ oneOf: [S] }, { oneOf: [S, { type: 'integer' }] }],
  'one-of-removed': [{ oneOf: [S, { type: 'integer' }] }, { oneOf: [S] }],
  'any-of-added': [{ anyOf: [S] }, { anyOf: [S, { type: 'integer' }] }],
  'any-of-removed': [{ anyOf: [S, { type: 'integer' }] }, { anyOf: [S] }],
  'all-of-added': [{ allOf: [obj(S)] }, { allOf: [obj(S), { type: 'object', required: ['p'] }] }],
  'all-of-removed': [{ allOf: [obj(S), { type: 'object', required: ['p'] }] }, { allOf: [obj(S)] }],
  'all-of-added-annotation-only': [S, { ...S, allOf: [{ description: 'd' }] }],
  'all-of-removed-annotation-only': [{ ...S, allOf: [{ description: 'd' }] }, S],
  'wrapped-in-one-of': [obj(S), { oneOf: [obj(S), S] }],
  'not-added': [S, { ...S, not: { const: 'x' } }],
  'not-removed': [{ ...S, not: { const: 'x' } }, S],
  'not-changed': [
    { ...S, not: true },
    { ...S, not: false },
  ],
  'dependent-required-added': [{ type: 'object' }, { type: 'object', dependentRequired: { a: ['b'] } }],
  'dependent-required-removed': [{ type: 'object', dependentRequired: { a: ['b'] } }, { type: 'object' }],
  'dependent-required-changed': [
    { type: 'object', dependentRequired: { a: ['b'] } },
    { type: 'object', dependentRequired: { a: ['c'] } },
  ],
  'dependent-schema-added': [
    { type: 'object' },
    { type: 'object', dependentSchemas: { a: { required: ['b'] } } },
  ],
  'dependent-schema-removed': [
    { type: 'object', dependentSchemas: { a: { required: ['b'] } } },
    { type: 'object' },
  ],
  'pattern-property-added': [{ type: 'object' }, { type: 'object', patternProperties: { '^x': S } }],
  'pattern-property-removed': [{ type: 'object', patternProperties: { '^x': S } }, { type: 'object' }],
  'prefix-items-added': [
    { type: 'array', prefixItems: [S] },
    { type: 'array', prefixItems: [S, S] },
  ],
  'prefix-items-removed': [
    { type: 'array', prefixItems: [S, S] },
    { type: 'array', prefixItems: [S] },
  ],
  'additional-properties-restricted': [{ type: 'object' }, { type: 'object', additionalProperties: false }],
  'additional-properties-allowed': [{ type: 'object', additionalProperties: false }, { type: 'object' }],
});
for (const [name, kw] of [
  ['if', 'if'],
  ['then', 'then'],
  ['else', 'else'],
  ['contains', 'contains'],
  ['property-names', 'propertyNames'],
  ['unevaluated-items', 'unevaluatedItems'],
  ['unevaluated-properties', 'unevaluatedProperties'],
  ['content-schema', 'contentSchema'],
] as const) {
  FRAGMENTS[`${name}-added`] = [S, { ...S, [kw]: { minLength: 1 } }];
  FRAGMENTS[`${name}-removed`] = [{ ...S, [kw]: { minLength: 1 } }, S];
  FRAGMENTS[`${name}-changed`] = [
    { ...S, [kw]: true },
    { ...S, [kw]: false },
  ];
}

interface Case {
  id: string;
  base: J;
  candidate: J;
  date?: string;
}
const cases: Case[] = [];
for (const spec of SCHEMA_CHANGES.values()) {
  if (spec.family === 'lifecycle') continue;
  const frag = FRAGMENTS[spec.change];
  if (!frag) continue; // reported by the coverage test below
  for (const scope of Object.keys(EMBED)) {
    const embed = EMBED[scope]!;
    let id = schemaRuleId(scope, spec.change);
    // Parameters travel as strings: the type rules there are judged by the parameters family.
    cases.push({ id, base: embed(frag[0]), candidate: embed(frag[1]) });
    void id;
  }
}

// Everything that is not a generic schema difference, one pair each.
const P = (p: J) => ({ parameters: [p] });
const RR = (r: J) => ({ responses: r });
const explicit: [string, J, J, string?][] = [
  // request schema properties
  ['request-property-removed', spec(body(obj(S))), spec(body({ type: 'object' }))],
  [
    'request-read-only-property-removed',
    spec(body(obj({ ...S, readOnly: true }))),
    spec(body({ type: 'object' })),
  ],
  [
    'new-required-request-property',
    spec(body({ type: 'object' })),
    spec(body({ ...obj(S), required: ['p'] })),
  ],
  [
    'new-required-request-property-with-default',
    spec(body({ type: 'object' })),
    spec(body({ ...obj({ ...S, default: 'x' }), required: ['p'] })),
  ],
  ['new-optional-request-property', spec(body({ type: 'object' })), spec(body(obj(S)))],
  [
    'new-read-only-request-property',
    spec(body({ type: 'object' })),
    spec(body(obj({ ...S, readOnly: true }))),
  ],
  ['request-property-became-required', spec(body(obj(S))), spec(body({ ...obj(S), required: ['p'] }))],
  [
    'request-property-became-required-with-default',
    spec(body(obj({ ...S, default: 'x' }))),
    spec(body({ ...obj({ ...S, default: 'x' }), required: ['p'] })),
  ],
  ['request-property-became-optional', spec(body({ ...obj(S), required: ['p'] })), spec(body(obj(S)))],
  // response schema properties
  [
    'response-required-property-removed',
    spec(ok({ ...obj(S), required: ['p'] })),
    spec(ok({ type: 'object' })),
  ],
  ['response-optional-property-removed', spec(ok(obj(S))), spec(ok({ type: 'object' }))],
  [
    'response-required-write-only-property-removed',
    spec(ok({ ...obj({ ...S, writeOnly: true }), required: ['p'] })),
    spec(ok({ type: 'object' })),
  ],
  [
    'response-optional-write-only-property-removed',
    spec(ok(obj({ ...S, writeOnly: true }))),
    spec(ok({ type: 'object' })),
  ],
  [
    'response-required-property-added',
    spec(ok({ type: 'object' })),
    spec(ok({ ...obj(S), required: ['p'] })),
  ],
  ['response-optional-property-added', spec(ok({ type: 'object' })), spec(ok(obj(S)))],
  [
    'response-required-write-only-property-added',
    spec(ok({ type: 'object' })),
    spec(ok({ ...obj({ ...S, writeOnly: true }), required: ['p'] })),
  ],
  [
    'response-optional-write-only-property-added',
    spec(ok({ type: 'object' })),
    spec(ok(obj({ ...S, writeOnly: true }))),
  ],
  ['response-property-became-optional', spec(ok({ ...obj(S), required: ['p'] })), spec(ok(obj(S)))],
  [
    'response-write-only-property-became-optional',
    spec(ok({ ...obj({ ...S, writeOnly: true }), required: ['p'] })),
    spec(ok(obj({ ...S, writeOnly: true }))),
  ],
  ['response-property-became-required', spec(ok(obj(S))), spec(ok({ ...obj(S), required: ['p'] }))],
  [
    'response-write-only-property-became-required',
    spec(ok(obj({ ...S, writeOnly: true }))),
    spec(ok({ ...obj({ ...S, writeOnly: true }), required: ['p'] })),
  ],
  [
    'request-body-type-compatible',
    spec({ requestBody: { content: { 'application/xml': { schema: { type: 'object' } } } } }),
    spec({ requestBody: { content: { 'application/xml': { schema: S } } } }),
  ],
  [
    'response-body-type-compatible',
    spec({
      responses: {
        '200': { description: 'x', content: { 'application/xml': { schema: { type: 'object' } } } },
      },
    }),
    spec({ responses: { '200': { description: 'x', content: { 'application/xml': { schema: S } } } } }),
  ],
  [
    'request-property-type-compatible',
    spec({ requestBody: { content: { 'application/xml': { schema: obj({ type: 'object' }) } } } }),
    spec({ requestBody: { content: { 'application/xml': { schema: obj(S) } } } }),
  ],
  [
    'response-property-type-compatible',
    spec({
      responses: {
        '200': { description: 'x', content: { 'application/xml': { schema: obj({ type: 'object' }) } } },
      },
    }),
    spec({ responses: { '200': { description: 'x', content: { 'application/xml': { schema: obj(S) } } } } }),
  ],
  // parameters
  ['request-parameter-removed', spec(P({ in: 'query', name: 'q', schema: S })), spec()],
  [
    'request-parameter-removed-with-deprecation',
    spec(P({ in: 'query', name: 'q', deprecated: true, schema: S })),
    spec(),
  ],
  [
    'request-parameter-removed-before-sunset',
    spec(P({ in: 'query', name: 'q', deprecated: true, 'x-sunset': '2099-01-01', schema: S })),
    spec(),
    '2026-01-01',
  ],
  [
    'request-parameter-sunset-parse',
    spec(P({ in: 'query', name: 'q', deprecated: true, 'x-sunset': 'soon', schema: S })),
    spec(),
  ],
  ['new-required-request-parameter', spec(), spec(P({ in: 'query', name: 'q', required: true, schema: S }))],
  ['new-optional-request-parameter', spec(), spec(P({ in: 'query', name: 'q', schema: S }))],
  [
    'new-required-request-default-parameter-to-existing-path',
    spec(),
    spec({}, {}, P({ in: 'query', name: 'q', required: true, schema: S })),
  ],
  [
    'new-optional-request-default-parameter-to-existing-path',
    spec(),
    spec({}, {}, P({ in: 'query', name: 'q', schema: S })),
  ],
  [
    'new-request-path-parameter',
    { ...spec(), paths: { '/items/{id}': { post: { responses: { '200': { description: 'x' } } } } } },
    {
      ...spec(),
      paths: {
        '/items/{id}': {
          post: {
            ...P({ in: 'path', name: 'id', required: true, schema: S }),
            responses: { '200': { description: 'x' } },
          },
        },
      },
    },
  ],
  [
    'request-parameter-became-required',
    spec(P({ in: 'query', name: 'q', schema: S })),
    spec(P({ in: 'query', name: 'q', required: true, schema: S })),
  ],
  [
    'request-parameter-became-optional',
    spec(P({ in: 'query', name: 'q', required: true, schema: S })),
    spec(P({ in: 'query', name: 'q', schema: S })),
  ],
  [
    'request-parameter-style-changed',
    spec(P({ in: 'query', name: 'q', style: 'form', schema: S })),
    spec(P({ in: 'query', name: 'q', style: 'spaceDelimited', schema: S })),
  ],
  [
    'request-parameter-explode-changed',
    spec(P({ in: 'query', name: 'q', explode: true, schema: S })),
    spec(P({ in: 'query', name: 'q', explode: false, schema: S })),
  ],
  [
    'request-parameter-allow-empty-value-changed',
    spec(P({ in: 'query', name: 'q', schema: S })),
    spec(P({ in: 'query', name: 'q', allowEmptyValue: true, schema: S })),
  ],
  [
    'request-parameter-allow-reserved-changed',
    spec(P({ in: 'query', name: 'q', schema: S })),
    spec(P({ in: 'query', name: 'q', allowReserved: true, schema: S })),
  ],
  [
    'new-required-request-header-property',
    spec(P({ in: 'header', name: 'X-Q', schema: { type: 'object' } })),
    spec(P({ in: 'header', name: 'X-Q', schema: { ...obj(S), required: ['p'] } })),
  ],
  [
    'new-required-request-parameter-property',
    spec(P({ in: 'query', name: 'q', schema: { type: 'object' } })),
    spec(P({ in: 'query', name: 'q', schema: { ...obj(S), required: ['p'] } })),
  ],
  [
    'request-parameter-deprecated',
    spec(P({ in: 'query', name: 'q', schema: S })),
    spec(P({ in: 'query', name: 'q', deprecated: true, schema: S })),
  ],
  [
    'request-parameter-reactivated',
    spec(P({ in: 'query', name: 'q', deprecated: true, schema: S })),
    spec(P({ in: 'query', name: 'q', schema: S })),
  ],
  [
    'request-parameter-sunset-deleted',
    spec(P({ in: 'query', name: 'q', deprecated: true, 'x-sunset': '2030-01-01', schema: S })),
    spec(P({ in: 'query', name: 'q', deprecated: true, schema: S })),
  ],
  [
    'request-parameter-sunset-date-changed-too-small',
    spec(P({ in: 'query', name: 'q', deprecated: true, 'x-sunset': '2030-01-01', schema: S })),
    spec(P({ in: 'query', name: 'q', deprecated: true, 'x-sunset': '2029-01-01', schema: S })),
  ],
  [
    'request-parameter-sunset-date-changed',
    spec(P({ in: 'query', name: 'q', deprecated: true, 'x-sunset': '2030-01-01', schema: S })),
    spec(P({ in: 'query', name: 'q', deprecated: true, 'x-sunset': '2031-01-01', schema: S })),
  ],
  [
    'request-parameter-sunset-added',
    spec(P({ in: 'query', name: 'q', deprecated: true, schema: S })),
    spec(P({ in: 'query', name: 'q', deprecated: true, 'x-sunset': '2031-01-01', schema: S })),
  ],
  // request body, media types, statuses, headers
  ['request-body-added-required', spec(), spec(body(S, true))],
  ['request-body-added-optional', spec(), spec(body(S))],
  ['request-body-removed', spec(body(S)), spec()],
  ['request-body-became-required', spec(body(S)), spec(body(S, true))],
  ['request-body-became-optional', spec(body(S, true)), spec(body(S))],
  [
    'request-body-media-type-added',
    spec(body(S)),
    spec({ requestBody: { content: { 'application/json': { schema: S }, 'text/plain': { schema: S } } } }),
  ],
  [
    'request-body-media-type-removed',
    spec({ requestBody: { content: { 'application/json': { schema: S }, 'text/plain': { schema: S } } } }),
    spec(body(S)),
  ],
  [
    'request-body-media-type-schema-added',
    spec({ requestBody: { content: { 'application/json': {} } } }),
    spec(body(S)),
  ],
  [
    'request-body-media-type-schema-removed',
    spec(body(S)),
    spec({ requestBody: { content: { 'application/json': {} } } }),
  ],
  [
    'response-media-type-added',
    spec(ok(S)),
    spec(
      RR({
        '200': {
          description: 'x',
          content: { 'application/json': { schema: S }, 'text/plain': { schema: S } },
        },
      }),
    ),
  ],
  [
    'response-media-type-removed',
    spec(
      RR({
        '200': {
          description: 'x',
          content: { 'application/json': { schema: S }, 'text/plain': { schema: S } },
        },
      }),
    ),
    spec(ok(S)),
  ],
  [
    'response-body-media-type-schema-added',
    spec(RR({ '200': { description: 'x', content: { 'application/json': {} } } })),
    spec(ok(S)),
  ],
  [
    'response-body-media-type-schema-removed',
    spec(ok(S)),
    spec(RR({ '200': { description: 'x', content: { 'application/json': {} } } })),
  ],
  [
    'response-success-status-removed',
    spec(RR({ '200': { description: 'x' }, '201': { description: 'x' } })),
    spec(),
  ],
  [
    'response-success-status-added',
    spec(),
    spec(RR({ '200': { description: 'x' }, '201': { description: 'x' } })),
  ],
  [
    'response-non-success-status-removed',
    spec(RR({ '200': { description: 'x' }, '404': { description: 'x' } })),
    spec(),
  ],
  [
    'response-non-success-status-added',
    spec(),
    spec(RR({ '200': { description: 'x' }, '404': { description: 'x' } })),
  ],
  ['required-response-header-removed', spec(ok(S, { 'X-R': { required: true, schema: S } })), spec(ok(S))],
  ['optional-response-header-removed', spec(ok(S, { 'X-R': { schema: S } })), spec(ok(S))],
  ['response-header-added', spec(ok(S)), spec(ok(S, { 'X-R': { schema: S } }))],
  [
    'response-header-became-optional',
    spec(ok(S, { 'X-R': { required: true, schema: S } })),
    spec(ok(S, { 'X-R': { schema: S } })),
  ],
  [
    'response-header-became-required',
    spec(ok(S, { 'X-R': { schema: S } })),
    spec(ok(S, { 'X-R': { required: true, schema: S } })),
  ],
  [
    'response-header-property-property-removed',
    spec(ok(S, { 'X-R': { schema: obj(S) } })),
    spec(ok(S, { 'X-R': { schema: { type: 'object' } } })),
  ],
  [
    'response-header-property-property-added',
    spec(ok(S, { 'X-R': { schema: { type: 'object' } } })),
    spec(ok(S, { 'X-R': { schema: obj(S) } })),
  ],
  // endpoints, webhooks, lifecycle
  [
    'endpoint-added',
    spec(),
    {
      ...spec(),
      paths: {
        ...(spec()['paths'] as J),
        '/v2/items': { get: { responses: { '200': { description: 'x' } } } },
      },
    },
  ],
  ['api-path-removed-without-deprecation', spec(), { ...spec(), paths: {} }],
  ['api-path-removed-with-deprecation', spec({ deprecated: true }), { ...spec(), paths: {} }],
  [
    'api-path-removed-before-sunset',
    spec({ deprecated: true, 'x-sunset': '2099-01-01' }),
    { ...spec(), paths: {} },
    '2026-01-01',
  ],
  ['api-path-sunset-parse', spec({ deprecated: true, 'x-sunset': 'later' }), { ...spec(), paths: {} }],
  [
    'api-removed-without-deprecation',
    spec({}, {}, { get: { responses: { '200': { description: 'x' } } } }),
    spec(),
  ],
  [
    'api-removed-with-deprecation',
    spec({}, {}, { get: { deprecated: true, responses: { '200': { description: 'x' } } } }),
    spec(),
  ],
  [
    'api-removed-before-sunset',
    spec(
      {},
      {},
      { get: { deprecated: true, 'x-sunset': '2099-01-01', responses: { '200': { description: 'x' } } } },
    ),
    spec(),
  ],
  [
    'webhook-added',
    spec(),
    spec({}, { webhooks: { ev: { post: { responses: { '200': { description: 'x' } } } } } }),
  ],
  [
    'webhook-removed',
    spec({}, { webhooks: { ev: { post: { responses: { '200': { description: 'x' } } } } } }),
    spec(),
  ],
  ['api-operation-id-added', spec(), spec({ operationId: 'a' })],
  ['api-operation-id-removed', spec({ operationId: 'a' }), spec()],
  ['api-operation-id-changed', spec({ operationId: 'a' }), spec({ operationId: 'b' })],
  ['api-tag-added', spec(), spec({ tags: ['t'] })],
  ['api-tag-removed', spec({ tags: ['t'] }), spec()],
  ['endpoint-deprecated', spec(), spec({ deprecated: true })],
  ['endpoint-deprecated-with-sunset', spec(), spec({ deprecated: true, 'x-sunset': '2030-01-01' })],
  ['endpoint-reactivated', spec({ deprecated: true }), spec()],
  ['api-deprecated-sunset-parse', spec(), spec({ deprecated: true, 'x-sunset': 'soon' })],
  ['sunset-deleted', spec({ deprecated: true, 'x-sunset': '2030-01-01' }), spec({ deprecated: true })],
  [
    'api-sunset-date-changed-too-small',
    spec({ deprecated: true, 'x-sunset': '2030-01-01' }),
    spec({ deprecated: true, 'x-sunset': '2029-01-01' }),
  ],
  [
    'api-sunset-date-changed',
    spec({ deprecated: true, 'x-sunset': '2030-01-01' }),
    spec({ deprecated: true, 'x-sunset': '2031-01-01' }),
  ],
  ['api-sunset-added', spec({ deprecated: true }), spec({ deprecated: true, 'x-sunset': '2031-01-01' })],
  ['api-stability-decreased', spec({ 'x-stability-level': 'stable' }), spec({ 'x-stability-level': 'beta' })],
  ['api-stability-increased', spec({ 'x-stability-level': 'beta' }), spec({ 'x-stability-level': 'stable' })],
  ['api-invalid-stability-level', spec(), spec({ 'x-stability-level': 'ga' })],
  [
    'unstable-operation-changed',
    spec({ 'x-stability-level': 'alpha', ...P({ in: 'query', name: 'q', schema: S }) }),
    spec({ 'x-stability-level': 'alpha' }),
  ],
  ['request-property-deprecated', spec(body(obj(S))), spec(body(obj({ ...S, deprecated: true })))],
  [
    'request-property-deprecated-with-sunset',
    spec(body(obj(S))),
    spec(body(obj({ ...S, deprecated: true, 'x-sunset': '2030-01-01' }))),
  ],
  [
    'request-property-deprecated-sunset-invalid',
    spec(body(obj(S))),
    spec(body(obj({ ...S, deprecated: true, 'x-sunset': 'x' }))),
  ],
  ['request-property-reactivated', spec(body(obj({ ...S, deprecated: true }))), spec(body(obj(S)))],
  [
    'request-property-stability-decreased',
    spec(body(obj(S))),
    spec(body(obj({ ...S, 'x-stability-level': 'beta' }))),
  ],
  [
    'request-property-stability-increased',
    spec(body(obj({ ...S, 'x-stability-level': 'beta' }))),
    spec(body(obj(S))),
  ],
  ['response-property-deprecated', spec(ok(obj(S))), spec(ok(obj({ ...S, deprecated: true })))],
  [
    'response-property-deprecated-with-sunset',
    spec(ok(obj(S))),
    spec(ok(obj({ ...S, deprecated: true, 'x-sunset': '2030-01-01' }))),
  ],
  [
    'response-property-deprecated-sunset-invalid',
    spec(ok(obj(S))),
    spec(ok(obj({ ...S, deprecated: true, 'x-sunset': 'x' }))),
  ],
  ['response-property-reactivated', spec(ok(obj({ ...S, deprecated: true }))), spec(ok(obj(S)))],
  [
    'response-property-stability-decreased',
    spec(ok(obj(S))),
    spec(ok(obj({ ...S, 'x-stability-level': 'beta' }))),
  ],
  [
    'response-property-stability-increased',
    spec(ok(obj({ ...S, 'x-stability-level': 'beta' }))),
    spec(ok(obj(S))),
  ],
  // security
  ['api-security-added', spec({ security: [{ a: [] }] }), spec({ security: [{ a: [] }, { b: [] }] })],
  ['api-security-removed', spec({ security: [{ a: [] }, { b: [] }] }), spec({ security: [{ a: [] }] })],
  ['api-security-scope-added', spec({ security: [{ a: ['r'] }] }), spec({ security: [{ a: ['r', 'w'] }] })],
  ['api-security-scope-removed', spec({ security: [{ a: ['r', 'w'] }] }), spec({ security: [{ a: ['r'] }] })],
  [
    'api-global-security-added',
    spec({}, { security: [{ a: [] }] }),
    spec({}, { security: [{ a: [] }, { b: [] }] }),
  ],
  [
    'api-global-security-removed',
    spec({}, { security: [{ a: [] }, { b: [] }] }),
    spec({}, { security: [{ a: [] }] }),
  ],
  [
    'api-global-security-scope-added',
    spec({}, { security: [{ a: ['r'] }] }),
    spec({}, { security: [{ a: ['r', 'w'] }] }),
  ],
  [
    'api-global-security-scope-removed',
    spec({}, { security: [{ a: ['r', 'w'] }] }),
    spec({}, { security: [{ a: ['r'] }] }),
  ],
  [
    'api-security-component-added',
    spec(),
    spec({}, { components: { securitySchemes: { a: { type: 'http', scheme: 'bearer' } } } }),
  ],
  [
    'api-security-component-removed',
    spec({}, { components: { securitySchemes: { a: { type: 'http', scheme: 'bearer' } } } }),
    spec(),
  ],
  [
    'api-security-component-type-changed',
    spec({}, { components: { securitySchemes: { a: { type: 'http', scheme: 'bearer' } } } }),
    spec({}, { components: { securitySchemes: { a: { type: 'apiKey', in: 'header', name: 'k' } } } }),
  ],
  [
    'api-security-component-changed',
    spec({}, { components: { securitySchemes: { a: { type: 'http', scheme: 'bearer' } } } }),
    spec({}, { components: { securitySchemes: { a: { type: 'http', scheme: 'basic' } } } }),
  ],
  ...((): [string, J, J][] => {
    const oauth = (f: J) =>
      spec(
        {},
        { components: { securitySchemes: { o: { type: 'oauth2', flows: { authorizationCode: f } } } } },
      );
    const base = { authorizationUrl: 'https://a/x', tokenUrl: 'https://a/t', scopes: { r: 'read' } };
    return [
      [
        'api-security-component-oauth-url-changed',
        oauth(base),
        oauth({ ...base, authorizationUrl: 'https://b/x' }),
      ],
      [
        'api-security-component-oauth-token-url-changed',
        oauth(base),
        oauth({ ...base, tokenUrl: 'https://b/t' }),
      ],
      [
        'api-security-component-oauth-scope-added',
        oauth(base),
        oauth({ ...base, scopes: { r: 'read', w: 'write' } }),
      ],
      [
        'api-security-component-oauth-scope-removed',
        oauth({ ...base, scopes: { r: 'read', w: 'write' } }),
        oauth(base),
      ],
    ];
  })(),
  // seed policy categories
  [
    'response-envelope-changed',
    spec(ok({ type: 'object', required: ['data'], properties: { data: S } })),
    spec(ok({ type: 'object', properties: { data: S } })),
  ],
  [
    'error-code-mapping-changed',
    spec(RR({ '200': { description: 'x' }, '409': { description: 'x' } })),
    spec(),
  ],
  ['pagination-contract-changed', spec(P({ in: 'query', name: 'cursor', schema: S })), spec()],
  [
    'idempotency-conflict-status-changed',
    spec({
      ...P({ in: 'header', name: 'Idempotency-Key', schema: S }),
      responses: { '200': { description: 'x' }, '409': { description: 'conflict' } },
    }),
    spec({
      ...P({ in: 'header', name: 'Idempotency-Key', schema: S }),
      responses: { '200': { description: 'x' }, '422': { description: 'x' } },
    }),
  ],
  [
    'idempotency-conflict-body-changed',
    spec({
      ...P({ in: 'header', name: 'Idempotency-Key', schema: S }),
      responses: { '409': { description: 'c', content: { 'application/json': { schema: obj(S) } } } },
    }),
    spec({
      ...P({ in: 'header', name: 'Idempotency-Key', schema: S }),
      responses: {
        '409': { description: 'c', content: { 'application/json': { schema: { type: 'object' } } } },
      },
    }),
  ],
  ['auth-security-requirement-changed', spec(), spec({ security: [{ a: [] }] })],
  ['auth-signature-header-changed', spec(ok(S, { Signature: { required: true, schema: S } })), spec(ok(S))],
];
for (const [id, base, candidate, date] of explicit)
  cases.push({ id, base, candidate, ...(date ? { date } : {}) });

// The parameters family judges string → other as a specialization, so the generic type-changed
// fixture (integer → boolean) also covers it; string-typed parameter moves are pinned here.
cases.push({
  id: 'request-parameter-type-specialized',
  base: spec(P({ in: 'query', name: 'q', schema: S })),
  candidate: spec(P({ in: 'query', name: 'q', schema: { type: 'integer' } })),
});

// Property-level flags (required, readOnly, writeOnly) in every place an object schema can sit.
{
  const flagged = (req: boolean, flags: J = {}): J => ({
    ...obj({ ...S, ...flags }),
    ...(req ? { required: ['p'] } : {}),
  });
  const mods = [
    ['read-only', {}, { readOnly: true }],
    ['not-read-only', { readOnly: true }, {}],
    ['write-only', {}, { writeOnly: true }],
    ['not-write-only', { writeOnly: true }, {}],
  ] as const;
  for (const [dir, embed] of [
    ['request', EMBED['request-body']!],
    ['response', EMBED['response-body']!],
  ] as const) {
    for (const req of [true, false]) {
      for (const [m, f0, f1] of mods) {
        cases.push({
          id: `${dir}-${req ? 'required' : 'optional'}-property-became-${m}`,
          base: embed(flagged(req, f0)),
          candidate: embed(flagged(req, f1)),
        });
      }
    }
  }
  const roots: [string, (s: unknown) => J][] = [
    ['request-parameter-property', EMBED['request-parameter']!],
    ['request-header-property', (s) => spec({ parameters: [{ in: 'header', name: 'X-Q', schema: s }] })],
    ['response-header-property', EMBED['response-header']!],
  ];
  for (const [scope, embed] of roots) {
    cases.push({
      id: `${scope}-property-removed`,
      base: embed(obj(S)),
      candidate: embed({ type: 'object' }),
    });
    cases.push({ id: `${scope}-property-added`, base: embed({ type: 'object' }), candidate: embed(obj(S)) });
    cases.push({
      id: `${scope}-property-became-required`,
      base: embed(flagged(false)),
      candidate: embed(flagged(true)),
    });
    cases.push({
      id: `${scope}-property-became-optional`,
      base: embed(flagged(true)),
      candidate: embed(flagged(false)),
    });
    for (const [m, f0, f1] of mods)
      cases.push({
        id: `${scope}-property-became-${m}`,
        base: embed(flagged(false, f0)),
        candidate: embed(flagged(false, f1)),
      });
  }
}

// Form-body encoding (OAS 3.1 §4.8.15), both directions.
{
  const form = (dir: 'request' | 'response', mt: string, encoding?: J): J => {
    const schema = { type: 'object', properties: { f: { type: 'object' }, g: { type: 'array', items: S } } };
    const content = { [mt]: { schema, ...(encoding ? { encoding } : {}) } };
    return spec(
      dir === 'request'
        ? { requestBody: { content } }
        : { responses: { '200': { description: 'ok', content } } },
    );
  };
  const U = 'application/x-www-form-urlencoded';
  const M = 'multipart/form-data';
  const hdr = (required: boolean): J => ({ f: { headers: { 'X-H': { required, schema: S } } } });
  for (const dir of ['request', 'response'] as const) {
    const s = `${dir}-body-encoding`;
    cases.push({
      id: `${s}-style-changed`,
      base: form(dir, U),
      candidate: form(dir, U, {
        f: { style: 'form', explode: true },
        g: { style: 'spaceDelimited', explode: false },
      }),
    });
    cases.push({
      id: `${s}-explode-changed`,
      base: form(dir, U),
      candidate: form(dir, U, { f: { explode: false } }),
    });
    cases.push({
      id: `${s}-allow-reserved-changed`,
      base: form(dir, U),
      candidate: form(dir, U, { f: { allowReserved: true } }),
    });
    cases.push({
      id: `${s}-content-type-changed`,
      base: form(dir, M),
      candidate: form(dir, M, { f: { contentType: 'image/png' } }),
    });
    cases.push({ id: `${s}-required-header-added`, base: form(dir, M), candidate: form(dir, M, hdr(true)) });
    cases.push({ id: `${s}-optional-header-added`, base: form(dir, M), candidate: form(dir, M, hdr(false)) });
    cases.push({
      id: `${s}-header-became-required`,
      base: form(dir, M, hdr(false)),
      candidate: form(dir, M, hdr(true)),
    });
    cases.push({ id: `${s}-header-removed`, base: form(dir, M, hdr(false)), candidate: form(dir, M) });
  }
}

describe('rules: one base/candidate pair per rule id', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s', (_name, c) => {
    const changes = diffSpecs(c.base, c.candidate, c.date ? { date: c.date } : {});
    const hit = changes.find((x) => x.id === c.id);
    expect(hit, `${c.id} not in ${JSON.stringify(changes.map((x) => x.id))}`).toBeDefined();
    expect(hit!.class).toBe(CLASS.get(c.id));
    expect(hit!.message.length).toBeGreaterThan(5);
  });

  it('covers every rule id (except the fail-closed fallback)', () => {
    const covered = new Set(cases.map((c) => c.id));
    const missing = RULES.map((r) => r.id).filter((id) => !covered.has(id) && id !== 'unclassified-change');
    expect(missing).toEqual([]);
  });
});

describe('rules: classification by direction', () => {
  it.each([
    [
      'request maxLength decreased breaks',
      FRAGMENTS['max-length-decreased']!,
      'request-property',
      'breaking',
    ],
    [
      'request maxLength increased is additive',
      FRAGMENTS['max-length-increased']!,
      'request-property',
      'additive',
    ],
    ['response enum value added breaks', FRAGMENTS['enum-value-added']!, 'response-property', 'breaking'],
    [
      'response enum value removed does not',
      FRAGMENTS['enum-value-removed']!,
      'response-property',
      'non-breaking',
    ],
    ['response became nullable breaks', FRAGMENTS['became-nullable']!, 'response-property', 'breaking'],
    ['request became nullable is additive', FRAGMENTS['became-nullable']!, 'request-property', 'additive'],
    ['request pattern added breaks', FRAGMENTS['pattern-added']!, 'request-parameter', 'breaking'],
    ['response type widened breaks', FRAGMENTS['type-generalized']!, 'response-body', 'breaking'],
  ] as const)('%s', (_n, [b, c], scope, want) => {
    expect(verdictOf(diffSpecs(EMBED[scope]!(b), EMBED[scope]!(c)))).toBe(want);
  });

  it('names the seed-policy category in the message', () => {
    const changes = diffSpecs(
      spec(P({ in: 'query', name: 'starting_after', schema: S })),
      spec(P({ in: 'query', name: 'starting_after', required: true, schema: S })),
    );
    expect(changes.find((c) => c.id === 'pagination-contract-changed')?.message).toMatch(
      /pagination contract changed: `query:starting_after`/,
    );
  });

  it('names an error-code enum change inside an error response', () => {
    const err = (codes: string[]) =>
      spec(
        RR({
          '200': { description: 'x' },
          '409': {
            description: 'x',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    error: { type: 'object', properties: { code: { type: 'string', enum: codes } } },
                  },
                },
              },
            },
          },
        }),
      );
    const changes = diffSpecs(err(['conflict']), err(['conflict', 'key_reused']));
    expect(changes.find((c) => c.id === 'error-code-mapping-changed')?.message).toMatch(
      /error-code mapping changed: 409 `error\/code` enum value added/,
    );
    expect(verdictOf(changes)).toBe('breaking');
  });

  it('says which property became required', () => {
    const changes = diffSpecs(spec(body(obj(S))), spec(body({ ...obj(S), required: ['p'] })));
    expect(changes.map((c) => c.message)).toContain(
      'request property `p` (application/json): became required',
    );
  });

  it('rejects a malformed date option', () => {
    expect(() => diffSpecs(spec(), spec(), { date: 'tomorrow' })).toThrow(TypeError);
  });
});
