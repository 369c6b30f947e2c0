import { responseFor } from './operations.js';
import { deref, isObject } from './pointer.js';
import type { Json, Operation, Parameter } from './types.js';

// What the stateful checks need to know about the API, read from the contract by convention:
// a cursor-paginated list is a GET with a `cursor`-like query parameter whose 200 body is an object
// holding one array of items and a next-cursor member; an idempotent create names `Idempotency-Key`;
// a signature header is a documented response header whose name contains "signature"; the key set
// is a GET whose 200 body has a `keys` array (JWKS, RFC 7517 §5).

export interface Pagination {
  op: Operation;
  cursorParam: string;
  limitParam?: Parameter;
  itemsField: string;
  nextField: string;
}

const CURSOR = /^(cursor|after|page_?token|starting_after|next)$/i;
const NEXT = /^next_?(cursor|page_?token|token)$|^cursor$/i;

function bodySchema(doc: Json, op: Operation, status: number): Json | undefined {
  const r = responseFor(op, status);
  const media = r === undefined ? undefined : Object.entries(r.content).find(([m]) => /json/i.test(m))?.[1];
  const s = deref(doc, media?.schema, '').value;
  return isObject(s) ? s : undefined;
}

export function paginationOf(doc: Json, op: Operation): Pagination | undefined {
  if (op.method !== 'get') return undefined;
  const cursor = op.parameters.find((p) => p.in === 'query' && CURSOR.test(p.name));
  if (cursor === undefined) return undefined;
  const schema = bodySchema(doc, op, 200);
  if (schema === undefined || !isObject(schema.properties)) return undefined;
  const props = schema.properties;
  const itemsField = Object.keys(props).find((k) => {
    const s = deref(doc, props[k], '').value;
    return isObject(s) && (s.type === 'array' || s.items !== undefined);
  });
  const nextField = Object.keys(props).find((k) => NEXT.test(k));
  if (itemsField === undefined || nextField === undefined) return undefined;
  const limitParam = op.parameters.find(
    (p) => p.in === 'query' && /^(limit|page_?size|per_?page)$/i.test(p.name),
  );
  return { op, cursorParam: cursor.name, itemsField, nextField, ...(limitParam ? { limitParam } : {}) };
}

/** Documented response header names containing "signature" (lower-case), e.g. `proof-signature`. */
export function signatureHeaders(op: Operation): string[] {
  return [
    ...new Set(op.responses.flatMap((r) => Object.keys(r.headers).filter((h) => /signature/i.test(h)))),
  ].sort();
}

export function isKeySetOperation(doc: Json, op: Operation): boolean {
  if (op.method !== 'get' || op.parameters.some((p) => p.in === 'path' || p.required)) return false;
  const s = bodySchema(doc, op, 200);
  if (s === undefined || !isObject(s.properties)) return false;
  const keys = deref(doc, s.properties.keys, '').value;
  return isObject(keys) && keys.type === 'array';
}

/** The POST on the same path as a list: how the pagination walk makes enough items to span pages. */
export function createFor(ops: readonly Operation[], list: Operation): Operation | undefined {
  return ops.find((o) => o.method === 'post' && o.path === list.path && o.requestBody !== undefined);
}
