import { escapePointer, isObject, type Json, type Resolver } from './resolve.js';

/** A schema with its `allOf` members merged (OAS 3.1 §4.8.24 / JSON Schema 2020-12 §10.2.1.1). */
export interface SchemaView {
  s: Json;
  ptr: string;
  props: Map<string, { schema: unknown; ptr: string }>;
  required: Set<string>;
  /** The raw `allOf` members (resolved), for structural allOf findings only. */
  allOf: { schema: Json; ptr: string; ref: string | undefined }[];
}

const MERGE_SKIP = new Set(['allOf', 'properties', 'required', '$ref']);

/**
 * Builds (and memoizes per object) the merged view. Equivalent `allOf` compositions thus compare
 * equal to the flat schema they mean: composition is compared by meaning, not by shape.
 */
export class Views {
  private readonly memo = new WeakMap<Json, SchemaView>();
  private readonly building = new Set<Json>();
  constructor(private readonly r: Resolver) {}

  of(s: Json, ptr: string): SchemaView {
    const hit = this.memo.get(s);
    if (hit) return hit;
    const view: SchemaView = { s, ptr, props: new Map(), required: new Set(), allOf: [] };
    this.building.add(s);
    const props = s['properties'];
    if (isObject(props)) {
      for (const name of Object.keys(props)) {
        view.props.set(name, { schema: props[name], ptr: `${ptr}/properties/${escapePointer(name)}` });
      }
    }
    const req = s['required'];
    if (Array.isArray(req)) for (const n of req) if (typeof n === 'string') view.required.add(n);
    const allOf = s['allOf'];
    if (Array.isArray(allOf) && allOf.length > 0) {
      const merged: Json = {};
      for (const k of Object.keys(s)) if (!MERGE_SKIP.has(k)) merged[k] = s[k];
      allOf.forEach((raw, i) => {
        const ref = isObject(raw) && typeof raw['$ref'] === 'string' ? raw['$ref'] : undefined;
        const m = this.r.derefObject(raw);
        if (!m) return;
        const mptr = ref !== undefined ? ref.slice(1) : `${ptr}/allOf/${i}`;
        view.allOf.push({ schema: m, ptr: mptr, ref });
        if (this.building.has(m)) return; // allOf cycle: nothing more to merge
        const mv = this.of(m, mptr);
        for (const [name, p] of mv.props) if (!view.props.has(name)) view.props.set(name, p);
        for (const n of mv.required) view.required.add(n);
        for (const k of Object.keys(mv.s)) {
          if (MERGE_SKIP.has(k) || k in merged) continue;
          merged[k] = mv.s[k];
        }
      });
      view.s = merged;
    }
    this.building.delete(s);
    this.memo.set(s, view);
    return view;
  }
}

const ANNOTATIONS = new Set([
  'title',
  'description',
  'example',
  'examples',
  '$comment',
  'externalDocs',
  'deprecated',
  'readOnly',
  'writeOnly',
]);

/** True when a subschema only annotates (JSON Schema 2020-12 §7.7): it accepts every instance. */
export function isAnnotationOnly(s: Json): boolean {
  for (const k of Object.keys(s)) if (!ANNOTATIONS.has(k) && !k.startsWith('x-')) return false;
  return true;
}
