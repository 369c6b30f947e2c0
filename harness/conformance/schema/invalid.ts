import { deref, isObject } from '../pointer.js';
import type { Json } from '../types.js';
import { mergeAllOf } from './arbitrary.js';

export interface InvalidValue {
  /** Which constraint it breaks, e.g. `maxLength /name` or `required /size`. */
  constraint: string;
  value: unknown;
}

const MISSING = Symbol('missing');

/**
 * Values that break exactly one constraint of `schema`, each derived from a valid `base` by one edit:
 * a scalar out of bounds, too short/long, off-pattern, off-enum, of the wrong type, a required member
 * dropped, an unknown member added where additionalProperties is false. Nested one object level deep.
 * The caller confirms each with ajv (a value that still validates is discarded).
 */
export function invalidValues(doc: Json, schema: unknown, base: unknown, at = '', depth = 0): InvalidValue[] {
  const resolved = deref(doc, schema, '').value;
  if (!isObject(resolved)) return [];
  const s: Json = Array.isArray(resolved.allOf) ? mergeAllOf(doc, resolved) : resolved;
  const out: InvalidValue[] = [];
  const where = at || '/';
  const types = Array.isArray(s.type) ? s.type : typeof s.type === 'string' ? [s.type] : [];
  const add = (constraint: string, value: unknown): void =>
    void out.push({ constraint: `${constraint} ${where}`, value });

  if (Array.isArray(s.enum))
    add('enum', typeof s.enum[0] === 'string' ? `${String(s.enum[0])}-not-in-enum` : 987654321);
  if (types.includes('string') || (types.length === 0 && typeof base === 'string')) {
    // A length edit must not also break the pattern: grow or shrink the valid base where possible.
    const re = typeof s.pattern === 'string' ? new RegExp(s.pattern, 'u') : undefined;
    const fits = (v: string): boolean => re === undefined || re.test(v);
    const seed = typeof base === 'string' && base.length > 0 ? base : 'x';
    if (typeof s.minLength === 'number' && s.minLength > 0) {
      const v = [seed.slice(0, s.minLength - 1), 'x'.repeat(s.minLength - 1)].find(fits);
      if (v !== undefined) add('minLength', v);
    }
    if (typeof s.maxLength === 'number') {
      const v = [
        seed.repeat(Math.ceil((s.maxLength + 1) / seed.length)).slice(0, s.maxLength + 1),
        'x'.repeat(s.maxLength + 1),
      ].find(fits);
      if (v !== undefined) add('maxLength', v);
    }
    if (re !== undefined) {
      const len = Math.max(typeof s.minLength === 'number' ? s.minLength : 1, 1);
      const candidate = ['!'.repeat(len), ' '.repeat(len), '\u00e9'.repeat(len)].find((c) => !re.test(c));
      if (candidate !== undefined) add('pattern', candidate);
    }
    if (s.format === 'date-time') add('format', 'not-a-date');
    if (s.format === 'uuid') add('format', 'not-a-uuid');
    // With an enum, a wrong type is also off-enum (two errors): the enum edit covers it.
    if (!types.includes('integer') && !types.includes('number') && !Array.isArray(s.enum)) add('type', 12345);
  }
  if (types.includes('integer') || types.includes('number')) {
    if (typeof s.minimum === 'number') add('minimum', s.minimum - 1);
    if (typeof s.exclusiveMinimum === 'number') add('exclusiveMinimum', s.exclusiveMinimum);
    if (typeof s.maximum === 'number') add('maximum', s.maximum + 1);
    if (typeof s.exclusiveMaximum === 'number') add('exclusiveMaximum', s.exclusiveMaximum);
    if (types.includes('integer') && !types.includes('number')) add('type', 1.5);
    if (!types.includes('string') && !Array.isArray(s.enum)) add('type', 'not-a-number');
  }
  if (types.includes('boolean') && !types.includes('string')) add('type', 'yes');
  if (types.includes('object') || isObject(s.properties)) {
    if (!types.includes('array')) add('type', ['not', 'an', 'object']);
    if (isObject(base)) {
      const props = isObject(s.properties) ? s.properties : {};
      const required = Array.isArray(s.required) ? s.required.map(String) : [];
      for (const k of [...required].sort()) {
        if (!(k in base)) continue;
        const { [k]: _dropped, ...rest } = base;
        out.push({ constraint: `required ${at}/${k}`, value: rest });
      }
      if (s.additionalProperties === false)
        out.push({ constraint: `additionalProperties ${where}`, value: { ...base, zz_unexpected: 1 } });
      if (depth < 2) {
        for (const k of Object.keys(props).sort()) {
          const child = k in base ? base[k] : MISSING;
          if (child === MISSING) continue;
          for (const inv of invalidValues(doc, props[k], child, `${at}/${k}`, depth + 1)) {
            out.push({ constraint: inv.constraint, value: { ...base, [k]: inv.value } });
          }
        }
      }
    }
  }
  if (types.includes('array') && Array.isArray(base)) {
    if (typeof s.maxItems === 'number' && base.length > 0)
      add('maxItems', [
        ...base,
        ...Array.from({ length: s.maxItems + 1 - base.length }, () => base[0] ?? null),
      ]);
    if (typeof s.minItems === 'number' && s.minItems > 0) add('minItems', base.slice(0, s.minItems - 1));
  }
  return out;
}
