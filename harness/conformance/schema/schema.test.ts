import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Json } from '../types.js';
import { arbitraryFor } from './arbitrary.js';
import { invalidValues } from './invalid.js';
import { undeclaredProperties } from './undeclared.js';
import { SchemaValidator } from './validator.js';

const DOC31: Json = {
  openapi: '3.1.0',
  components: {
    schemas: {
      Name: { type: 'string', minLength: 2, maxLength: 12, pattern: '^[a-z]+$' },
      Item: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'size'],
        properties: {
          name: { $ref: '#/components/schemas/Name' },
          size: { type: 'integer', minimum: 1, maximum: 9 },
          color: { type: 'string', enum: ['red', 'blue'] },
          at: { type: 'string', format: 'date-time' },
          tags: { type: 'array', maxItems: 3, items: { type: 'string', maxLength: 5 } },
          note: { type: ['string', 'null'] },
        },
      },
      Tree: {
        type: 'object',
        properties: { child: { $ref: '#/components/schemas/Tree' }, v: { type: 'integer' } },
      },
    },
  },
};
const DOC30: Json = {
  openapi: '3.0.3',
  components: {
    schemas: {
      Thing: {
        type: 'object',
        required: ['n'],
        properties: {
          n: { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 10, exclusiveMaximum: true },
          label: { type: 'string', nullable: true, example: 'x', 'x-internal': true },
          ref: { allOf: [{ $ref: '#/components/schemas/Leaf' }], nullable: true },
        },
      },
      Leaf: { type: 'object', properties: { k: { type: 'string' } } },
    },
  },
};
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe('generated values (fast-check, global seed)', () => {
  it.each([
    [
      '3.1 object with refs, bounds, enum, format, arrays, null',
      { doc: DOC31, version: '3.1' as const, schema: ref('Item') },
    ],
    ['3.1 recursive schema', { doc: DOC31, version: '3.1' as const, schema: ref('Tree') }],
    ['3.0 exclusive bounds + nullable', { doc: DOC30, version: '3.0' as const, schema: ref('Thing') }],
  ])('%s: every sample validates with ajv', (_name, { doc, version, schema }) => {
    const v = new SchemaValidator(doc, version);
    fc.assert(
      fc.property(arbitraryFor(doc, schema), (value) => v.validate(schema, value).length === 0),
      { numRuns: 60 },
    );
  });

  it('every invalid value breaks exactly one constraint (one ajv error) and names it', () => {
    const v = new SchemaValidator(DOC31, '3.1');
    const schema = ref('Item');
    fc.assert(
      fc.property(arbitraryFor(DOC31, schema), (base) => {
        const invalid = invalidValues(DOC31, schema, base);
        const kinds = new Set(invalid.map((i) => i.constraint.split(' ')[0]));
        for (const k of [
          'required',
          'additionalProperties',
          'minLength',
          'maxLength',
          'pattern',
          'minimum',
          'maximum',
        ])
          expect(kinds.has(k), k).toBe(true);
        // Exactly one constraint broken: ajv (allErrors) reports exactly one error.
        for (const i of invalid)
          expect([i.constraint, v.validate(schema, i.value).length]).toEqual([i.constraint, 1]);
        return true;
      }),
      { numRuns: 25 },
    );
  });
});

describe('SchemaValidator', () => {
  it.each([
    [
      '3.0 nullable accepts null',
      { doc: DOC30, version: '3.0' as const, value: { n: 1, label: null }, want: 0 },
    ],
    [
      '3.0 nullable $ref (allOf) accepts null',
      { doc: DOC30, version: '3.0' as const, value: { n: 1, ref: null }, want: 0 },
    ],
    [
      '3.0 boolean exclusiveMinimum excludes the bound',
      { doc: DOC30, version: '3.0' as const, value: { n: 0 }, want: 1 },
    ],
    [
      '3.0 boolean exclusiveMaximum excludes the bound',
      { doc: DOC30, version: '3.0' as const, value: { n: 10 }, want: 1 },
    ],
    ['no coercion: "5" is not a number', { doc: DOC30, version: '3.0' as const, value: { n: '5' }, want: 1 }],
    [
      'allErrors: two problems, two errors',
      { doc: DOC30, version: '3.0' as const, value: { label: 7 }, want: 2 },
    ],
  ])('%s', (_name, { doc, version, value, want }) => {
    expect(new SchemaValidator(doc, version).validate(ref('Thing'), value)).toHaveLength(want);
  });

  it('3.1: type arrays, formats and additionalProperties:false, without stripping the value', () => {
    const v = new SchemaValidator(DOC31, '3.1');
    const value = { name: 'ab', size: 3, note: null, at: 'yesterday', extra: 1 };
    const errors = v.validate(ref('Item'), value).map((e) => e.message);
    expect(errors.some((m) => m.includes('format'))).toBe(true);
    expect(errors.some((m) => m.includes('(extra)'))).toBe(true);
    expect(value).toHaveProperty('extra', 1);
  });
});

describe('undeclaredProperties', () => {
  it.each([
    ['declared members pass', { schema: ref('Leaf'), value: { k: 'x' }, want: [] }],
    [
      'absent additionalProperties: extras are reported',
      { schema: ref('Leaf'), value: { k: 'x', z: 1 }, want: ['/z'] },
    ],
    [
      'nested through refs and arrays',
      { schema: { type: 'array', items: ref('Leaf') }, value: [{ k: 'a' }, { q: 1 }], want: ['/1/q'] },
    ],
    [
      'explicit open map declares its members',
      { schema: { type: 'object', additionalProperties: true }, value: { any: 1 }, want: [] },
    ],
    [
      'allOf branches merge',
      {
        schema: { allOf: [ref('Leaf'), { properties: { m: {} } }] },
        value: { k: 'a', m: 1, n: 2 },
        want: ['/n'],
      },
    ],
    ['a member named with a slash is escaped', { schema: ref('Leaf'), value: { 'a/b': 1 }, want: ['/a~1b'] }],
  ])('%s', (_name, { schema, value, want }) => {
    expect(undeclaredProperties(DOC30, schema, value)).toEqual(want);
  });
});
