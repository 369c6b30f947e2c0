import { escapePointer, isObject, type Json, type Resolver } from './resolve.js';

/** A schema with its `allOf` members merged (OAS 3.1 §4.8.24 / JSON Schema 2020-12 §10.2.1.1). */
export interface SchemaView {
  s: Json;
  ptr: string;
  /** Property name → schema (the schema's own `properties` object when nothing was merged). */
  props: Json;
  /** For properties merged in from an allOf member: that member's pointer. */
  propOrigin: Map<string, string> | undefined;
  required: ReadonlySet<string>;
  /** The raw `allOf` members (resolved), for structural allOf findings only. */
  allOf: { schema: Json; ptr: string; ref: string | undefined }[];
}

const EMPTY: Json = Object.freeze({}) as Json;
const NONE: ReadonlySet<string> = new Set<string>();
const MERGE_SKIP = new Set(['allOf', 'properties', 'required', '$ref']);

export function propPtr(v: SchemaView, name: string): string {
  return `${v.propOrigin?.get(name) ?? v.ptr}/properties/${escapePointer(name)}`;
}

/**
 * Builds (and memoizes per object) the merged view. Equivalent `allOf` compositions thus compare
 * equal to the flat schema they mean: composition is compared by meaning, not by shape. Schemas
 * without allOf are viewed in place (no copies).
 */
export class Views {
  private readonly memo = new WeakMap<Json, SchemaView>();
  private readonly building = new Set<Json>();
  constructor(private readonly r: Resolver) {}

  of(s: Json, ptr: string): SchemaView {
    const hit = this.memo.get(s);
    if (hit) return hit;
    const p = s['properties'];
    const req = s['required'];
    const view: SchemaView = {
      s,
      ptr,
      props: isObject(p) ? p : EMPTY,
      propOrigin: undefined,
      required: Array.isArray(req) && req.length > 0 ? new Set(req as string[]) : NONE,
      allOf: [],
    };
    const allOf = s['allOf'];
    if (Array.isArray(allOf) && allOf.length > 0) this.merge(view, allOf);
    this.memo.set(s, view);
    return view;
  }

  private merge(view: SchemaView, allOf: unknown[]): void {
    const s = view.s;
    this.building.add(s);
    const merged: Json = {};
    for (const k of Object.keys(s)) if (!MERGE_SKIP.has(k)) merged[k] = s[k];
    const props: Json = { ...view.props };
    const origin = new Map<string, string>();
    const required = new Set(view.required);
    allOf.forEach((raw, i) => {
      const ref = isObject(raw) && typeof raw['$ref'] === 'string' ? raw['$ref'] : undefined;
      const m = this.r.derefObject(raw);
      if (!m) return;
      const mptr = ref !== undefined ? ref.slice(1) : `${view.ptr}/allOf/${i}`;
      view.allOf.push({ schema: m, ptr: mptr, ref });
      if (this.building.has(m)) return; // allOf cycle: nothing more to merge
      const mv = this.of(m, mptr);
      for (const name of Object.keys(mv.props)) {
        if (Object.hasOwn(props, name)) continue;
        props[name] = mv.props[name];
        origin.set(name, mv.propOrigin?.get(name) ?? mv.ptr);
      }
      for (const n of mv.required) required.add(n);
      for (const k of Object.keys(mv.s)) {
        if (MERGE_SKIP.has(k) || Object.hasOwn(merged, k)) continue;
        merged[k] = mv.s[k];
      }
    });
    view.s = merged;
    view.props = props;
    view.propOrigin = origin;
    view.required = required;
    this.building.delete(s);
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
