import { escapePointer, isObject, type Json, type Resolver } from './resolve.js';

export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** `/a/{id}` and `/a/{proofId}` are the same route: parameter names are not part of the identity. */
export function normalizePath(p: string): string {
  return p.replace(/\{[^}]*\}/g, '{}');
}

export function pathParamNames(p: string): string[] {
  return [...p.matchAll(/\{([^}]*)\}/g)].map((m) => m[1] ?? '');
}

export interface PathEntry {
  raw: string;
  item: Json;
  ptr: string;
}

export function indexPaths(doc: Json, r: Resolver, key = 'paths'): Map<string, PathEntry> {
  const out = new Map<string, PathEntry>();
  const paths = doc[key];
  if (!isObject(paths)) return out;
  for (const raw of Object.keys(paths)) {
    // Path Items may themselves be references (OAS 3.1 §4.8.9); webhooks commonly are.
    const ref = paths[raw];
    const item = r.derefObject(ref);
    if (!item) continue;
    const ptr =
      isObject(ref) && typeof ref['$ref'] === 'string'
        ? ref['$ref'].slice(1)
        : `/${key}/${escapePointer(raw)}`;
    out.set(key === 'paths' ? normalizePath(raw) : raw, { raw, item, ptr });
  }
  return out;
}
