import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffSpecs, verdictOf } from '../index.js';

type J = Record<string, unknown>;

// Composition is compared by meaning (JSON Schema 2020-12 §10.2.1): a one-branch anyOf/oneOf
// validates exactly what its branch validates, so wrapping a $ref in one is no change.
const Customer: J = {
  type: 'object',
  required: ['id', 'name'],
  properties: { id: { type: 'string' }, name: { type: 'string' }, email: { type: 'string' } },
};
function spec(schema: unknown, where: 'request' | 'response' | 'property'): J {
  const media = (s: unknown) => ({ content: { 'application/json': { schema: s } } });
  const op: J =
    where === 'request'
      ? { requestBody: media(schema), responses: { '200': { description: 'ok' } } }
      : where === 'response'
        ? { responses: { '200': { description: 'ok', ...media(schema) } } }
        : {
            responses: {
              '200': {
                description: 'ok',
                ...media({ type: 'object', properties: { customer: schema } }),
              },
            },
          };
  return {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: { '/x': { post: op } },
    components: { schemas: { Customer } },
  };
}
const REF = { $ref: '#/components/schemas/Customer' };
const WHERE = ['request', 'response', 'property'] as const;

describe('a one-branch union is its branch', () => {
  const same: [string, unknown][] = [
    ['anyOf', { anyOf: [REF] }],
    ['oneOf', { oneOf: [REF] }],
    ['allOf', { allOf: [REF] }],
    ['anyOf with a description', { anyOf: [REF], description: 'the customer' }],
    ['oneOf of an inline copy', { oneOf: [Customer] }],
  ];
  for (const where of WHERE)
    for (const [name, wrapped] of same) {
      it(`${where}: $ref → ${name} gives no change`, () => {
        expect(diffSpecs(spec(REF, where), spec(wrapped, where))).toEqual([]);
        expect(diffSpecs(spec(wrapped, where), spec(REF, where))).toEqual([]);
      });
    }

  it('a $ref made nullable through anyOf [$ref, null] reports only the nullability', () => {
    for (const where of ['response', 'property'] as const) {
      const changes = diffSpecs(spec(REF, where), spec({ anyOf: [REF, { type: 'null' }] }, where));
      // The body root and top-level members are the envelope (seed policy): named once more.
      expect(changes.map((c) => c.id).sort()).toEqual(
        [
          where === 'response' ? 'response-body-became-nullable' : 'response-property-became-nullable',
          'response-envelope-changed',
        ].sort(),
      );
      expect(verdictOf(changes)).toBe('breaking');
    }
    const req = diffSpecs(spec(REF, 'request'), spec({ anyOf: [REF, { type: 'null' }] }, 'request'));
    expect(req.map((c) => c.id)).toEqual(['request-body-became-nullable']);
    expect(verdictOf(req)).not.toBe('breaking');
  });

  it('a real union still compares its alternatives', () => {
    const base = spec({ anyOf: [REF] }, 'response');
    const cand = spec({ anyOf: [REF, { type: 'string' }] }, 'response');
    const ids = diffSpecs(base, cand).map((c) => c.id);
    expect(ids).toContain('response-body-any-of-added');
    expect(ids.filter((i) => i.includes('property-removed'))).toEqual([]);
  });

  it('property: a change inside the branch is found through the wrapper (fast-check)', () => {
    const change = fc.constantFrom<[string, (s: J) => J]>(
      ['drop-required', (s) => ({ ...s, required: ['id'] })],
      ['new-prop', (s) => ({ ...s, properties: { ...(s['properties'] as J), extra: { type: 'integer' } } })],
      ['type', (s) => ({ ...s, properties: { ...(s['properties'] as J), name: { type: 'integer' } } })],
      ['none', (s) => s],
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...WHERE),
        fc.constantFrom('anyOf', 'oneOf', 'allOf'),
        fc.boolean(),
        change,
        (where, kw, wrapBase, [, mutate]) => {
          const mutated = (s: J): J => {
            const out = structuredClone(s) as { components: { schemas: J } };
            out.components.schemas['Customer'] = mutate(Customer);
            return out as unknown as J;
          };
          const plain = diffSpecs(spec(REF, where), mutated(spec(REF, where)));
          const wrapped = { [kw]: [REF] };
          const viaWrapper = diffSpecs(
            spec(wrapBase ? wrapped : REF, where),
            mutated(spec(wrapBase ? REF : wrapped, where)),
          );
          expect(viaWrapper.map((c) => c.id).sort()).toEqual(plain.map((c) => c.id).sort());
          expect(verdictOf(viaWrapper)).toBe(verdictOf(plain));
        },
      ),
    );
  });
});
