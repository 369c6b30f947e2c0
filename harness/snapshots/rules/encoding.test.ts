import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffSpecs, verdictOf } from '../index.js';

type J = Record<string, unknown>;

const FORM = 'application/x-www-form-urlencoded';
const MULTIPART = 'multipart/form-data';
const bodySchema = {
  type: 'object',
  properties: {
    metadata: { type: 'object', additionalProperties: { type: 'string' } },
    file: {},
    url: { type: 'string' },
  },
};
function spec(encoding: J | undefined, dir: 'request' | 'response', mediaType = FORM): J {
  const content = { [mediaType]: { schema: bodySchema, ...(encoding ? { encoding } : {}) } };
  const op: J =
    dir === 'request'
      ? { requestBody: { content }, responses: { '200': { description: 'ok' } } }
      : { responses: { '200': { description: 'ok', content } } };
  return { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: { '/x': { post: op } } };
}
const ids = (a: J, b: J) => diffSpecs(a, b).map((c) => c.id);

// Table: OAS 3.1 §4.8.15 Encoding Object, judged by direction.
const CASES: [string, J | undefined, J | undefined, string[], string?][] = [
  [
    'deepObject+explode → form, explode false (metadata[k]=v becomes metadata=k,v)',
    { metadata: { style: 'deepObject', explode: true } },
    { metadata: { style: 'form', explode: false } },
    ['request-body-encoding-style-changed', 'request-body-encoding-explode-changed'],
  ],
  ['a primitive is name=value in every style', undefined, { url: { style: 'deepObject' } }, []],
  [
    'an encoding entry for a property the body does not have is ignored',
    undefined,
    { nope: { style: 'deepObject' } },
    [],
  ],
  ['explicit defaults are no change', undefined, { metadata: { style: 'form', explode: true } }, []],
  ['explode flipped', undefined, { metadata: { explode: false } }, ['request-body-encoding-explode-changed']],
  [
    'allowReserved set',
    undefined,
    { metadata: { allowReserved: true } },
    ['request-body-encoding-allow-reserved-changed'],
  ],
  [
    'part content type changed (multipart)',
    { file: { contentType: 'image/png' } },
    { file: { contentType: 'image/jpeg' } },
    ['request-body-encoding-content-type-changed'],
    MULTIPART,
  ],
  [
    'style is ignored outside form-urlencoded',
    { metadata: { style: 'deepObject' } },
    { metadata: { style: 'form' } },
    [],
    MULTIPART,
  ],
  [
    'required part header added',
    undefined,
    { file: { headers: { 'X-Rate': { required: true, schema: { type: 'integer' } } } } },
    ['request-body-encoding-required-header-added'],
    MULTIPART,
  ],
  [
    'optional part header added',
    undefined,
    { file: { headers: { 'X-Rate': { schema: { type: 'integer' } } } } },
    ['request-body-encoding-optional-header-added'],
    MULTIPART,
  ],
];

describe('form-body encoding', () => {
  for (const [name, base, cand, want, mt] of CASES) {
    it(`request: ${name}`, () => {
      expect(ids(spec(base, 'request', mt), spec(cand, 'request', mt)).sort()).toEqual([...want].sort());
    });
  }
  it('response: a serialization change breaks clients that parse it; a removed part header too', () => {
    expect(ids(spec({ metadata: { style: 'deepObject' } }, 'response'), spec(undefined, 'response'))).toEqual(
      // deepObject's explode defaults to false, form's to true: both differ.
      ['response-body-encoding-explode-changed', 'response-body-encoding-style-changed'],
    );
    const h = { file: { headers: { 'X-Rate': { schema: { type: 'integer' } } } } };
    expect(ids(spec(h, 'response', MULTIPART), spec(undefined, 'response', MULTIPART))).toEqual([
      'response-body-encoding-header-removed',
    ]);
  });

  it('property: an encoding change is judged like the same change on a query parameter', () => {
    const style = fc.constantFrom(undefined, 'form', 'spaceDelimited', 'pipeDelimited', 'deepObject');
    const flag = fc.constantFrom(undefined, true, false);
    const enc = fc.record({ style, explode: flag, allowReserved: flag }, { requiredKeys: [] });
    const clean = (e: J): J => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined));
    const param = (e: J): J => ({
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {
        '/x': {
          post: {
            // Parameters compare as written; give both sides the explicit effective values.
            parameters: [{ in: 'query', name: 'metadata', schema: { type: 'object' }, ...effective(e) }],
            responses: { '200': { description: 'ok' } },
          },
        },
      },
    });
    const effective = (e: J): J => {
      const s = e['style'] ?? 'form';
      return { style: s, explode: e['explode'] ?? s === 'form', allowReserved: e['allowReserved'] ?? false };
    };
    fc.assert(
      fc.property(enc, enc, (a, b) => {
        const viaBody = diffSpecs(
          spec({ metadata: clean(a) }, 'request'),
          spec({ metadata: clean(b) }, 'request'),
        );
        const viaParam = diffSpecs(param(a), param(b));
        const kinds = (cs: { id: string }[]) =>
          cs.map((c) => c.id.replace(/^request-body-encoding-|^request-parameter-/, '')).sort();
        expect(kinds(viaBody)).toEqual(kinds(viaParam));
        expect(verdictOf(viaBody)).toBe(verdictOf(viaParam));
      }),
    );
  });
});
