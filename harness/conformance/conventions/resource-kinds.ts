import { deref, isObject } from '../pointer.js';
import type { Json, Operation } from '../types.js';

// Resource kinds are the component schemas a create operation answers with (`#/components/schemas/Customer`).
// Ids the service hands out are filed under their kind, so a path parameter or a body member that
// names a kind gets an id of that kind, never just any id.

const SCHEMA_REF = /^#\/components\/schemas\/([^/]+)$/;

export function normName(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** `customer_id`, `customerId`, `customer-id` → `customer`; undefined when the name is no reference. */
export function referencedName(name: string): string | undefined {
  const m = /^(.+?)[-_]?(id|Id|ID)$/.exec(name);
  return m === null || m[1]!.length === 0 ? undefined : normName(m[1]!);
}

/** The component schema name a schema is a `$ref` to. */
export function kindOfSchema(schema: unknown): string | undefined {
  if (!isObject(schema) || typeof schema.$ref !== 'string') return undefined;
  return SCHEMA_REF.exec(schema.$ref)?.[1];
}

function jsonSchema(op: Operation, status: number): unknown {
  const r = op.responses.find((x) => x.status === String(status));
  return r === undefined ? undefined : Object.entries(r.content).find(([m]) => /json/i.test(m))?.[1]?.schema;
}

/** kind → its create operation: a POST with a body whose 201/200 JSON body is a component schema with an `id`. */
export function resourceKinds(doc: Json, ops: readonly Operation[]): Map<string, Operation> {
  const out = new Map<string, Operation>();
  for (const op of ops) {
    if (op.method !== 'post' || op.requestBody === undefined) continue;
    const schema = jsonSchema(op, 201) ?? jsonSchema(op, 200);
    const kind = kindOfSchema(schema);
    if (kind === undefined || out.has(kind)) continue;
    const s = deref(doc, schema, '').value;
    if (isObject(s) && isObject(s.properties) && s.properties.id !== undefined) out.set(kind, op);
  }
  return out;
}

/** The kind a 2xx body of this operation carries: the schema itself, or the items of its one array member. */
export function kindsInResponse(
  doc: Json,
  op: Operation,
  status: number,
): { kind: string; items?: string } | undefined {
  const r =
    op.responses.find((x) => x.status === String(status)) ?? op.responses.find((x) => x.status === '2XX');
  const schema =
    r === undefined ? undefined : Object.entries(r.content).find(([m]) => /json/i.test(m))?.[1]?.schema;
  const direct = kindOfSchema(schema);
  if (direct !== undefined) {
    const s = deref(doc, schema, '').value;
    if (isObject(s) && isObject(s.properties)) {
      for (const [k, v] of Object.entries(s.properties)) {
        const p = deref(doc, v, '').value;
        const item = isObject(p) && p.type === 'array' ? kindOfSchema(p.items) : undefined;
        if (item !== undefined && s.properties.id === undefined) return { kind: item, items: k };
      }
    }
    return { kind: direct };
  }
  return undefined;
}

/**
 * Every kind an operation answers with an `id` (a body of that schema, or a list of them): with the
 * create operation when one exists. A kind without one (plans a team sets up by hand) gets its ids
 * only from the subject's seed hook.
 */
export function knownKinds(doc: Json, ops: readonly Operation[]): Map<string, Operation | undefined> {
  const out = new Map<string, Operation | undefined>(resourceKinds(doc, ops));
  for (const op of ops) {
    if (op.method !== 'get') continue;
    const k = kindsInResponse(doc, op, 200);
    if (k === undefined || out.has(k.kind)) continue;
    const s = deref(doc, { $ref: `#/components/schemas/${k.kind}` }, '').value;
    if (isObject(s) && isObject(s.properties) && s.properties.id !== undefined) out.set(k.kind, undefined);
  }
  return new Map([...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
