import { escapeSegment, unescapeSegment } from '../../openapi/json-pointer.js';

/** Internal `$ref` resolution (RFC 6901 JSON pointers, OAS 3.1 §4.8.23 Reference Object). */
export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export const escapePointer: (token: string) => string = escapeSegment;

export class Resolver {
  private readonly cache = new Map<string, unknown>();
  constructor(readonly doc: Json) {}

  pointer(ref: string): unknown {
    const hit = this.cache.get(ref);
    if (hit !== undefined || this.cache.has(ref)) return hit;
    let node: unknown = undefined;
    if (ref === '#') node = this.doc;
    else if (ref.startsWith('#/')) {
      node = this.doc;
      for (const raw of ref.slice(2).split('/')) {
        const token = unescapeSegment(decodeURIComponent(raw));
        if (Array.isArray(node)) node = node[Number(token)];
        else if (isObject(node)) node = node[token];
        else {
          node = undefined;
          break;
        }
      }
    }
    this.cache.set(ref, node);
    return node;
  }

  /**
   * Follows a chain of `$ref`s (bounded, so a self-referencing alias cannot loop). Siblings of a
   * `$ref` (allowed in 3.1) are ignored except for annotations; the referenced schema decides.
   */
  deref(v: unknown): unknown {
    let cur = v;
    for (let i = 0; i < 32 && isObject(cur) && typeof cur['$ref'] === 'string'; i++) {
      cur = this.pointer(cur['$ref']);
    }
    return cur;
  }

  derefObject(v: unknown): Json | undefined {
    const r = this.deref(v);
    return isObject(r) ? r : undefined;
  }
}
