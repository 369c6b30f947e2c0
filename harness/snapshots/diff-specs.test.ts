import { describe, expect, it } from 'vitest';
import { diffSpecs, verdictOf } from './index.js';

type J = Record<string, unknown>;
const doc = (paths: J, schemas: J = {}): J => ({
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths,
  components: { schemas },
});
const get = (schema: unknown, extra: J = {}): J => ({
  get: { ...extra, responses: { '200': { description: 'ok', content: { 'application/json': { schema } } } } },
});
const proof = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string' }, seq: { type: 'integer' } },
};

describe('diffSpecs: compare by meaning', () => {
  it.each([
    ['renamed path parameter', doc({ '/p/{id}': get(proof) }), doc({ '/p/{proofId}': get(proof) })],
    [
      '$ref vs inline',
      doc({ '/p': get({ $ref: '#/components/schemas/Proof' }) }, { Proof: proof }),
      doc({ '/p': get(proof) }),
    ],
    [
      'renamed component',
      doc({ '/p': get({ $ref: '#/components/schemas/Proof' }) }, { Proof: proof }),
      doc({ '/p': get({ $ref: '#/components/schemas/ProofV1' }) }, { ProofV1: proof }),
    ],
    [
      'equivalent allOf',
      doc({ '/p': get(proof) }),
      doc(
        { '/p': get({ allOf: [{ $ref: '#/components/schemas/Id' }, { $ref: '#/components/schemas/Seq' }] }) },
        {
          Id: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
          Seq: { type: 'object', properties: { seq: { type: 'integer' } } },
        },
      ),
    ],
    [
      'docs, examples, summaries',
      doc({ '/p': get(proof) }),
      doc({
        '/p': get(
          { ...proof, description: 'A proof', example: { id: 'x' } },
          { summary: 'Get', description: 'Gets' },
        ),
      }),
    ],
  ])('%s: no changes', (_n, base, candidate) => {
    expect(diffSpecs(base, candidate)).toEqual([]);
  });

  it('boolean schemas: an object response loosened to `true` (anything) breaks', () => {
    const changes = diffSpecs(doc({ '/p': get(proof) }), doc({ '/p': get(true) }));
    expect(verdictOf(changes)).toBe('breaking');
    expect(changes.map((c) => c.id)).toContain('response-required-property-removed');
  });

  it('path items behind $ref are compared like inline ones', () => {
    const base = {
      ...doc({ '/p': { $ref: '#/components/pathItems/P' } }),
      components: { pathItems: { P: get(proof) } },
    };
    expect(diffSpecs(base, doc({ '/p': get(proof) }))).toEqual([]);
    expect(diffSpecs(base, doc({}))[0]?.id).toBe('api-path-removed-without-deprecation');
  });

  it('a new /v2 beside an untouched v1 is additive', () => {
    const changes = diffSpecs(
      doc({ '/v1/p': get(proof) }),
      doc({ '/v1/p': get(proof), '/v2/p': get(proof) }),
    );
    expect(changes.map((c) => [c.id, c.path, c.method])).toEqual([['endpoint-added', '/v2/p', 'GET']]);
    expect(verdictOf(changes)).toBe('additive');
  });

  it('compares $ref cycles without unrolling and reports a change inside the cycle once', () => {
    const node = (extra: J = {}) => ({
      type: 'object',
      properties: { value: { type: 'string', ...extra }, next: { $ref: '#/components/schemas/Node' } },
    });
    const base = doc({ '/list': get({ $ref: '#/components/schemas/Node' }) }, { Node: node() });
    const cand = doc(
      { '/list': get({ $ref: '#/components/schemas/Node' }) },
      { Node: node({ maxLength: 3 }) },
    );
    expect(diffSpecs(base, base)).toEqual([]);
    const changes = diffSpecs(base, cand);
    expect(changes).toEqual([
      {
        id: 'response-property-max-length-set',
        class: 'non-breaking',
        path: '/list',
        method: 'GET',
        pointer: '/components/schemas/Node/properties/value/maxLength',
        message: 'response property `value` (200 application/json): max length set (`3`)',
      },
    ]);
  });

  it('never overflows the stack on very deep schemas', () => {
    const deep = (leafType: string) => {
      let s: J = { type: leafType };
      for (let i = 0; i < 20_000; i++) s = { type: 'object', properties: { n: s } };
      return s;
    };
    const changes = diffSpecs(doc({ '/d': get(deep('string')) }), doc({ '/d': get(deep('integer')) }));
    expect(changes.map((c) => c.id)).toEqual(['response-property-type-changed']);
  });

  it('is deterministic and sorted by path, method, pointer, id', () => {
    const base = doc({ '/b': get(proof), '/a': get(proof) });
    const cand = doc({ '/a': get({ ...proof, required: [] }), '/b': get({ type: 'object' }) });
    const one = diffSpecs(base, cand);
    expect(diffSpecs(base, cand)).toEqual(one);
    const keys = one.map((c) => [c.path, c.method, c.pointer, c.id].join(' '));
    expect([...keys].sort()).toEqual(keys);
  });

  it.each([
    ['no changes', [], 'non-breaking'],
    ['additive only', [{ class: 'additive' }], 'additive'],
    ['any breaking', [{ class: 'additive' }, { class: 'breaking' }, { class: 'non-breaking' }], 'breaking'],
  ] as const)('verdictOf: %s', (_n, classes, want) => {
    const changes = classes.map((c) => ({
      id: 'x',
      class: c.class,
      path: '',
      method: '',
      pointer: '',
      message: '',
    }));
    expect(verdictOf(changes)).toBe(want);
  });
});
