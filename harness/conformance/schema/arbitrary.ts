import fc from 'fast-check';
import { deref, isObject } from '../pointer.js';
import type { Json } from '../types.js';

// fast-check arbitraries for values a JSON Schema accepts: strings (minLength/maxLength/pattern/
// format/enum/const), integers and numbers with bounds, booleans, arrays, objects with required and
// optional members. Callers still validate every sample with ajv and drop the rare miss.

const FORMATS: Record<string, () => fc.Arbitrary<string>> = {
  'date-time': () =>
    fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2099-12-31T23:59:59Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z')),
  date: () =>
    fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2099-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10)),
  uuid: () => fc.uuid(),
  email: () => fc.constantFrom('a@example.com', 'team@example.org', 'ops+gate@example.net'),
  uri: () => fc.constantFrom('https://example.com/', 'https://example.org/a/b', 'urn:example:x'),
};

function clampLength(s: Json): { min: number; max: number } {
  const min = typeof s.minLength === 'number' ? s.minLength : 0;
  const max = typeof s.maxLength === 'number' ? s.maxLength : Math.max(min + 16, 16);
  return { min, max };
}

export function arbitraryFor(doc: Json, schema: unknown, depth = 0): fc.Arbitrary<unknown> {
  const s = deref(doc, schema, '').value;
  if (!isObject(s) || depth > 6) return fc.constant(null);
  if (s.const !== undefined) return fc.constant(s.const);
  if (Array.isArray(s.enum) && s.enum.length > 0) return fc.constantFrom(...s.enum);
  if (Array.isArray(s.allOf) && s.allOf.length > 0) return arbitraryFor(doc, mergeAllOf(doc, s), depth + 1);
  for (const k of ['oneOf', 'anyOf'] as const) {
    const alts = s[k];
    if (Array.isArray(alts) && alts.length > 0)
      return fc.oneof(...alts.map((a) => arbitraryFor(doc, a, depth + 1)));
  }
  const types = Array.isArray(s.type)
    ? (s.type as string[])
    : typeof s.type === 'string'
      ? [s.type]
      : [guessType(s)];
  const arbs = types.map((t) => forType(doc, s, t, depth));
  if (s.nullable === true) arbs.push(fc.constant(null));
  return arbs.length === 1 ? arbs[0]! : fc.oneof(...arbs);
}

function guessType(s: Json): string {
  if (isObject(s.properties) || Array.isArray(s.required)) return 'object';
  if (s.items !== undefined) return 'array';
  if (typeof s.minimum === 'number' || typeof s.maximum === 'number') return 'number';
  if (typeof s.pattern === 'string' || typeof s.minLength === 'number' || typeof s.format === 'string')
    return 'string';
  return 'string';
}

function forType(doc: Json, s: Json, type: string, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return stringArb(s);
    case 'integer':
    case 'number': {
      // 3.1 exclusive bounds are numbers; 3.0 ones are booleans beside minimum/maximum.
      let lo = typeof s.minimum === 'number' ? s.minimum : -1_000_000;
      if (typeof s.exclusiveMinimum === 'number') lo = Math.max(lo, s.exclusiveMinimum + 1);
      else if (s.exclusiveMinimum === true) lo += 1;
      let hi = typeof s.maximum === 'number' ? s.maximum : 1_000_000;
      if (typeof s.exclusiveMaximum === 'number') hi = Math.min(hi, s.exclusiveMaximum - 1);
      else if (s.exclusiveMaximum === true) hi -= 1;
      const min = Math.ceil(Math.max(lo, Number.MIN_SAFE_INTEGER));
      const max = Math.floor(Math.min(hi, Number.MAX_SAFE_INTEGER));
      return fc.integer({ min, max: Math.max(min, max) });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = typeof s.minItems === 'number' ? s.minItems : 0;
      const maxLength = typeof s.maxItems === 'number' ? Math.min(s.maxItems, minLength + 4) : minLength + 3;
      const item =
        s.items !== undefined ? arbitraryFor(doc, s.items, depth + 1) : fc.string({ maxLength: 8 });
      return fc.array(item, { minLength, maxLength });
    }
    case 'object': {
      const props = isObject(s.properties) ? s.properties : {};
      const required = new Set(Array.isArray(s.required) ? s.required.map(String) : []);
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const k of Object.keys(props).sort()) {
        const p = deref(doc, props[k], '').value;
        if (isObject(p) && p.readOnly === true && !required.has(k)) continue;
        // Recursive schemas end: deep down only required members are generated.
        if (depth >= 3 && !required.has(k)) continue;
        model[k] = arbitraryFor(doc, props[k], depth + 1);
      }
      const requiredKeys = Object.keys(model).filter((k) => required.has(k));
      const free = isObject(s.additionalProperties) || s.additionalProperties === true;
      const base = fc.record(model, { requiredKeys });
      if (!free || Object.keys(model).length > 0) return base;
      return fc.dictionary(
        fc.string({ minLength: 1, maxLength: 8 }).filter((k) => /^[a-z]+$/.test(k)),
        fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean()),
        { maxKeys: 4 },
      );
    }
    default:
      return fc.constant(null);
  }
}

function stringArb(s: Json): fc.Arbitrary<string> {
  const { min, max } = clampLength(s);
  if (typeof s.format === 'string' && FORMATS[s.format] !== undefined) return FORMATS[s.format]!();
  if (typeof s.pattern === 'string') {
    const re = new RegExp(s.pattern, 'u');
    const hi = typeof s.maxLength === 'number' ? s.maxLength : Infinity;
    const matching = fc.stringMatching(re);
    // Only explicit bounds filter; if the pattern rarely fits them, shrink towards the minimum instead.
    return min === 0 && hi === Infinity
      ? matching
      : matching.filter((v) => v.length >= min && v.length <= hi);
  }
  return fc.string({ minLength: min, maxLength: Math.min(max, min + 24), unit: 'grapheme-ascii' });
}

/** allOf merged shallowly (properties, required, the tightest bounds): enough to generate from. */
export function mergeAllOf(doc: Json, s: Json): Json {
  const out: Json = { ...s };
  delete out.allOf;
  const props: Json = isObject(s.properties) ? { ...s.properties } : {};
  const required = new Set<string>(Array.isArray(s.required) ? s.required.map(String) : []);
  for (const part of s.allOf as unknown[]) {
    let p = deref(doc, part, '').value;
    if (isObject(p) && Array.isArray(p.allOf)) p = mergeAllOf(doc, p);
    if (!isObject(p)) continue;
    for (const [k, v] of Object.entries(p)) {
      if (k === 'properties' && isObject(v)) Object.assign(props, v);
      else if (k === 'required' && Array.isArray(v)) v.forEach((r) => required.add(String(r)));
      else if (!(k in out)) out[k] = v;
    }
  }
  if (Object.keys(props).length > 0) out.properties = props;
  if (required.size > 0) out.required = [...required].sort();
  return out;
}
