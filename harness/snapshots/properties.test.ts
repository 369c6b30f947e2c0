import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { diffSpecs, verdictOf } from './index.js';

type J = Record<string, unknown>;

// A small arbitrary OpenAPI 3.1 document: a few operations with query parameters, JSON request
// bodies and responses whose schemas are nested objects, arrays, enums and bounded scalars.
const propName = fc.constantFrom(
  'id',
  'name',
  'amount',
  'status',
  'data',
  'created',
  'tags',
  'meta',
  'email',
  'note',
);
const leaf = fc.oneof(
  fc.constant<J>({ type: 'string' }),
  fc.integer({ min: 0, max: 9 }).map<J>((m) => ({ type: 'integer', minimum: m })),
  fc
    .uniqueArray(fc.constantFrom('a', 'b', 'c'), { minLength: 1 })
    .map<J>((e) => ({ type: 'string', enum: e })),
  fc.integer({ min: 1, max: 64 }).map<J>((n) => ({ type: 'string', maxLength: n })),
  fc.constant<J>({ type: 'boolean' }),
);
const { object } = fc.letrec<{ node: J; object: J }>((tie) => ({
  node: fc.oneof(
    { maxDepth: 2, depthIdentifier: 'schema' },
    leaf,
    tie('object'),
    tie('node').map<J>((items) => ({ type: 'array', items })),
  ),
  object: fc
    .dictionary(propName, tie('node'), { minKeys: 1, maxKeys: 4 })
    .chain((properties) =>
      fc
        .subarray(Object.keys(properties))
        .map<J>((required) => ({ type: 'object', properties, ...(required.length > 0 ? { required } : {}) })),
    ),
}));
const operation = fc.record(
  {
    parameters: fc.uniqueArray(
      fc.record({
        in: fc.constant('query'),
        name: fc.constantFrom('limit', 'q', 'expand'),
        required: fc.boolean(),
        schema: leaf,
      }),
      { maxLength: 2, selector: (p) => p.name },
    ),
    requestBody: object.map((schema) => ({ content: { 'application/json': { schema } } })),
    responses: object.map((schema) => ({
      '200': { description: 'ok', content: { 'application/json': { schema } } },
    })),
  },
  { requiredKeys: ['responses'] },
);
const pathItem = fc
  .record({ get: operation, post: operation }, { requiredKeys: [] })
  .filter((p) => Object.keys(p).length > 0);
const specArb = fc
  .dictionary(fc.constantFrom('/a', '/b/{id}', '/c', '/d/{x}/e'), pathItem, { minKeys: 1, maxKeys: 3 })
  .map<J>((paths) => ({
    openapi: '3.1.0',
    info: { title: 'p', version: '1' },
    paths,
  }));

const clone = <T>(v: T): T => structuredClone(v);

/** Rebuilds every object with its keys in a seeded random order (and order-free arrays shuffled). */
function shuffle(v: unknown, seed: { s: number }, key = ''): unknown {
  const rnd = () => ((seed.s = (seed.s * 1103515245 + 12345) >>> 0) % 1000) / 1000;
  const perm = <T>(xs: T[]) => {
    const a = [...xs];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  };
  if (Array.isArray(v)) {
    const items = v.map((x) => shuffle(x, seed));
    return key === 'required' || key === 'enum' || key === 'parameters' ? perm(items) : items;
  }
  if (v && typeof v === 'object') {
    const out: J = {};
    for (const k of perm(Object.keys(v))) out[k] = shuffle((v as J)[k], seed, k);
    return out;
  }
  return v;
}

/** Moves every request/response schema and every nested object schema into components, behind $ref. */
function moveBehindRefs(spec: J, prefix: string): J {
  const doc = clone(spec);
  const schemas: J = {};
  let n = 0;
  const hoist = (s: J): J => {
    if (s['type'] === 'object' && s['properties']) {
      const props = s['properties'] as J;
      for (const k of Object.keys(props)) props[k] = hoist(props[k] as J);
    }
    if (s['type'] === 'array') s['items'] = hoist(s['items'] as J);
    if (s['type'] !== 'object') return s;
    const name = `${prefix}${n++}`;
    schemas[name] = s;
    return { $ref: `#/components/schemas/${name}` };
  };
  for (const item of Object.values(doc['paths'] as J)) {
    for (const op of Object.values(item as J) as J[]) {
      const media = (op['requestBody'] as J | undefined)?.['content'] as J | undefined;
      if (media)
        (media['application/json'] as J)['schema'] = hoist((media['application/json'] as J)['schema'] as J);
      const r = ((op['responses'] as J)['200'] as J)['content'] as J;
      (r['application/json'] as J)['schema'] = hoist((r['application/json'] as J)['schema'] as J);
    }
  }
  doc['components'] = { schemas };
  return doc;
}

/** JSON pointers-as-arrays of every response object schema that has properties. */
function responseObjects(spec: J): J[] {
  const out: J[] = [];
  const visit = (s: J) => {
    if (s['type'] === 'object') {
      out.push(s);
      for (const p of Object.values(s['properties'] as J)) visit(p as J);
    }
    if (s['type'] === 'array') visit(s['items'] as J);
  };
  for (const item of Object.values(spec['paths'] as J)) {
    for (const op of Object.values(item as J) as J[]) {
      const media = (((op['responses'] as J)['200'] as J)['content'] as J)['application/json'] as J;
      visit(media['schema'] as J);
    }
  }
  return out;
}

const operations = (spec: J): [string, string][] =>
  Object.entries(spec['paths'] as J).flatMap(([p, item]) =>
    Object.keys(item as J).map((m) => [p, m] as [string, string]),
  );

describe('diff properties (fast-check)', () => {
  it('a spec diffed with itself, a deep copy, a YAML round trip or a key-shuffled copy: no changes', () => {
    fc.assert(
      fc.property(specArb, fc.nat(), (spec, seed) => {
        expect(diffSpecs(spec, spec)).toEqual([]);
        expect(diffSpecs(spec, clone(spec))).toEqual([]);
        expect(diffSpecs(spec, parse(stringify(spec)) as J)).toEqual([]);
        expect(diffSpecs(spec, shuffle(spec, { s: seed }) as J)).toEqual([]);
      }),
    );
  });

  it('schemas moved behind $ref (and components renamed): no changes', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        expect(diffSpecs(spec, moveBehindRefs(spec, 'S'))).toEqual([]);
        expect(diffSpecs(moveBehindRefs(spec, 'Old'), moveBehindRefs(spec, 'New'))).toEqual([]);
      }),
    );
  });

  it('removing any response property is breaking', () => {
    fc.assert(
      fc.property(specArb, fc.nat(), fc.nat(), (spec, i, j) => {
        const cand = clone(spec);
        const objs = responseObjects(cand);
        const target = objs[i % objs.length]!;
        const props = target['properties'] as J;
        const name = Object.keys(props)[j % Object.keys(props).length]!;
        delete props[name];
        if (Array.isArray(target['required']))
          target['required'] = (target['required'] as string[]).filter((r) => r !== name);
        expect(verdictOf(diffSpecs(spec, cand))).toBe('breaking');
      }),
    );
  });

  it('removing any operation is breaking', () => {
    fc.assert(
      fc.property(specArb, fc.nat(), (spec, i) => {
        const ops = operations(spec);
        const [p, m] = ops[i % ops.length]!;
        const cand = clone(spec);
        delete ((cand['paths'] as J)[p] as J)[m];
        expect(verdictOf(diffSpecs(spec, cand))).toBe('breaking');
      }),
    );
  });

  it('adding an optional request property is additive', () => {
    fc.assert(
      fc.property(specArb, fc.nat(), (spec, i) => {
        const withBody = operations(spec).filter(
          ([p, m]) =>
            ((spec['paths'] as J)[p] as J)[m] && (((spec['paths'] as J)[p] as J)[m] as J)['requestBody'],
        );
        fc.pre(withBody.length > 0);
        const [p, m] = withBody[i % withBody.length]!;
        const cand = clone(spec);
        const op = ((cand['paths'] as J)[p] as J)[m] as J;
        const schema = (((op['requestBody'] as J)['content'] as J)['application/json'] as J)['schema'] as J;
        (schema['properties'] as J)['added_optional_field'] = { type: 'string' };
        const changes = diffSpecs(spec, cand);
        expect(changes.map((c) => c.id)).toEqual(['new-optional-request-property']);
        expect(verdictOf(changes)).toBe('additive');
      }),
    );
  });
});
