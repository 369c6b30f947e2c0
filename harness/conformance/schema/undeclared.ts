import { deref, isObject } from '../pointer.js';
import type { Json } from '../types.js';

/**
 * JSON pointers of object members the schema never declares. A member counts as declared when
 * some applicable subschema (through $ref, allOf/anyOf/oneOf, if/then/else) names it in `properties`,
 * matches it with `patternProperties`, or declares an open map with an explicit `additionalProperties:
 * true` or schema. When `additionalProperties` is absent, unknown members are reported even though
 * JSON Schema allows them: a client cannot rely on a field the contract never promised.
 */
export function undeclaredProperties(doc: Json, schema: unknown, value: unknown): string[] {
  const out: string[] = [];
  walk(doc, schema, value, '', out, 0);
  return [...new Set(out)].sort();
}

interface Declared {
  names: Set<string>;
  patterns: RegExp[];
  open: boolean;
  /** Schemas for members and items, to walk into. */
  member: Map<string, unknown[]>;
  extra: unknown[];
  items: unknown[];
  prefixItems: unknown[][];
  objectish: boolean;
}

function collect(doc: Json, schema: unknown, acc: Declared, seen: Set<unknown>): void {
  const s = deref(doc, schema, '').value;
  if (!isObject(s) || seen.has(s)) return;
  seen.add(s);
  if (isObject(s.properties)) {
    acc.objectish = true;
    for (const [k, v] of Object.entries(s.properties)) {
      acc.names.add(k);
      const list = acc.member.get(k) ?? [];
      list.push(v);
      acc.member.set(k, list);
    }
  }
  if (isObject(s.patternProperties)) {
    acc.objectish = true;
    for (const p of Object.keys(s.patternProperties)) acc.patterns.push(new RegExp(p, 'u'));
  }
  if (s.additionalProperties !== undefined) {
    acc.objectish = true;
    // An explicit `true` or schema is a declared open map (e.g. a free-form statement).
    if (s.additionalProperties === true || isObject(s.additionalProperties)) acc.open = true;
    if (isObject(s.additionalProperties)) acc.extra.push(s.additionalProperties);
  }
  if (s.type === 'object' || (Array.isArray(s.type) && s.type.includes('object'))) acc.objectish = true;
  if (s.items !== undefined && !Array.isArray(s.items)) acc.items.push(s.items);
  if (Array.isArray(s.prefixItems)) acc.prefixItems.push(s.prefixItems);
  if (Array.isArray(s.items)) acc.prefixItems.push(s.items);
  for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
    if (Array.isArray(s[k])) for (const sub of s[k]) collect(doc, sub, acc, seen);
  }
  for (const k of ['then', 'else'] as const) if (s[k] !== undefined) collect(doc, s[k], acc, seen);
}

function walk(doc: Json, schema: unknown, value: unknown, at: string, out: string[], depth: number): void {
  if (depth > 64 || value === null || typeof value !== 'object') return;
  const acc: Declared = {
    names: new Set(),
    patterns: [],
    open: false,
    member: new Map(),
    extra: [],
    items: [],
    prefixItems: [],
    objectish: false,
  };
  collect(doc, schema, acc, new Set());
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      const prefix = acc.prefixItems.map((p) => p[i]).filter((x) => x !== undefined);
      for (const s of prefix.length > 0 ? prefix : acc.items) walk(doc, s, v, `${at}/${i}`, out, depth + 1);
    });
    return;
  }
  // A schema that says nothing about objects (e.g. `{}` or a bare $ref cycle stop) is not judged.
  if (!acc.objectish) return;
  for (const [k, v] of Object.entries(value as Json)) {
    const ptr = `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const declared = acc.names.has(k) || acc.patterns.some((p) => p.test(k)) || acc.open;
    if (!declared) {
      out.push(ptr);
      continue;
    }
    const schemas = acc.member.get(k) ?? acc.extra;
    for (const s of schemas) walk(doc, s, v, ptr, out, depth + 1);
  }
}
