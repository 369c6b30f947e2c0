import { escapePointer, isObject, type Json } from './resolve.js';

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

export function indexPaths(doc: Json, key = 'paths'): Map<string, PathEntry> {
  const out = new Map<string, PathEntry>();
  const paths = doc[key];
  if (!isObject(paths)) return out;
  for (const raw of Object.keys(paths)) {
    const item = paths[raw];
    if (!isObject(item)) continue;
    out.set(key === 'paths' ? normalizePath(raw) : raw, { raw, item, ptr: `/${key}/${escapePointer(raw)}` });
  }
  return out;
}
