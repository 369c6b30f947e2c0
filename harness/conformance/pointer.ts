import { unescapeSegment } from '../openapi/json-pointer.js';
import type { Json } from './types.js';

// JSON Pointer (RFC 6901) over the bundled document; every $ref there is an internal `#/...`.

export function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function getPointer(doc: unknown, pointer: string): unknown {
  const p = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (p === '') return doc;
  let cur: unknown = doc;
  for (const raw of p.split('/').slice(1)) {
    const key = unescapeSegment(decodeURIComponent(raw));
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Follows `$ref` chains (OAS Reference Objects) to the target object; stops on cycles. */
export function deref(doc: Json, value: unknown, pointer: string): { value: unknown; pointer: string } {
  const seen = new Set<string>();
  let cur = value;
  let at = pointer;
  while (cur !== null && typeof cur === 'object' && typeof (cur as Json).$ref === 'string') {
    const ref = (cur as Json).$ref as string;
    if (!ref.startsWith('#') || seen.has(ref)) break;
    seen.add(ref);
    at = ref.slice(1);
    cur = getPointer(doc, ref);
  }
  return { value: cur, pointer: at };
}

export function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
