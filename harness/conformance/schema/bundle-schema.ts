import { getPointer, isObject } from '../pointer.js';
import type { Json } from '../types.js';

// Ajv compiles one self-contained schema per use: every `#/...` pointer the schema reaches (transitively)
// is copied under a definitions key and the $ref rewritten to it. Cycles stay $refs (never unrolled).

const OAS_ONLY = new Set(['example', 'discriminator', 'xml', 'externalDocs']);

export type Dialect = '3.0' | '3.1';

export function bundleSchema(doc: Json, schema: unknown, dialect: Dialect): Json {
  const defsKey = dialect === '3.1' ? '$defs' : 'definitions';
  const defs: Json = {};
  const queue: string[] = [];
  const keyOf = (ref: string): string => ref.slice(2).replace(/[^A-Za-z0-9_.-]/g, '_');
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (!isObject(node)) return node;
    const out: Json = {};
    for (const [k, v] of Object.entries(node)) {
      if (k.startsWith('x-') || OAS_ONLY.has(k)) continue;
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/')) {
        if (!(keyOf(v) in defs) && !queue.includes(v)) queue.push(v);
        out.$ref = `#/${defsKey}/${keyOf(v)}`;
      } else if (k === 'properties' || k === 'patternProperties' || k === '$defs' || k === 'definitions') {
        // keys here are names, not keywords: rewrite only the values
        out[k] = isObject(v) ? Object.fromEntries(Object.entries(v).map(([n, s]) => [n, rewrite(s)])) : v;
      } else if (dialect === '3.0' && k === 'nullable') {
        continue; // handled by widenNullable below
      } else out[k] = rewrite(v);
    }
    return dialect === '3.0' ? normalize30(node, out) : out;
  };
  const root = rewrite(schema) as Json;
  while (queue.length > 0) {
    const ref = queue.shift()!;
    defs[keyOf(ref)] = rewrite(getPointer(doc, ref) ?? {});
  }
  if (Object.keys(defs).length > 0) return { ...root, [defsKey]: { ...(root[defsKey] as Json), ...defs } };
  return root;
}

/** OAS 3.0 schema → draft-07: `nullable` widens the type, boolean exclusive bounds become numbers. */
function normalize30(source: Json, out: Json): Json {
  if (source.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else if (Array.isArray(out.type) && !out.type.includes('null')) out.type = [...out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    if (out.type === undefined && out.enum === undefined) {
      // No type to widen (a $ref, allOf, …): null or the schema itself.
      return { anyOf: [out, { type: 'null' }] };
    }
  }
  if (out.exclusiveMinimum === true && typeof out.minimum === 'number') {
    out.exclusiveMinimum = out.minimum;
    delete out.minimum;
  } else if (out.exclusiveMinimum === false) delete out.exclusiveMinimum;
  if (out.exclusiveMaximum === true && typeof out.maximum === 'number') {
    out.exclusiveMaximum = out.maximum;
    delete out.maximum;
  } else if (out.exclusiveMaximum === false) delete out.exclusiveMaximum;
  return out;
}
