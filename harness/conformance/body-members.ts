import { unescapeSegment } from '../openapi/json-pointer.js';
import { isObject } from './pointer.js';

// A reference site inside a request body: a JSON pointer (RFC 6901) whose `*` segments stand for every
// item of an array (`/lines/*/plan_id`). Bodies are never changed in place: a copy is returned.

function segments(pointer: string): string[] {
  return pointer.split('/').slice(1).map(unescapeSegment);
}

/** Every value present at the pointer (one per array item under a `*`). */
export function valuesAt(body: unknown, pointer: string): unknown[] {
  let cur: unknown[] = [body];
  for (const seg of segments(pointer)) {
    const next: unknown[] = [];
    for (const v of cur) {
      if (seg === '*' && Array.isArray(v)) next.push(...v);
      else if (isObject(v) && v[seg] !== undefined) next.push(v[seg]);
    }
    cur = next;
  }
  return cur;
}

/** A copy of the body with every value present at the pointer replaced by `value(n)` (n counts the sites). */
export function replaceAt(body: unknown, pointer: string, value: (n: number) => unknown): unknown {
  let n = 0;
  const go = (v: unknown, rest: string[]): unknown => {
    if (rest.length === 0) return value(n++);
    const [seg, ...tail] = rest as [string, ...string[]];
    if (seg === '*' && Array.isArray(v)) return v.map((item) => go(item, tail));
    if (isObject(v) && v[seg] !== undefined) return { ...v, [seg]: go(v[seg], tail) };
    return v;
  };
  return go(body, segments(pointer));
}
