import fc from 'fast-check';
import { replaceAt, valuesAt } from './body-members.js';
import type { RunContext } from './context.js';
import { needsAuth } from './operations.js';
import { deref, isObject } from './pointer.js';
import { arbitraryFor } from './schema/arbitrary.js';
import { invalidValues } from './schema/invalid.js';
import type { HttpRequest, Json, Operation, Parameter } from './types.js';

export interface PlannedRequest {
  /** example | valid | invalid:<constraint> */
  origin: string;
  request: HttpRequest;
}

/** Where a request's inputs come from before they are put on the wire. */
export interface Inputs {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  header: Record<string, unknown>;
  body?: unknown;
  omitBody?: boolean;
}

const MAX_INVALID = 40;

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Wire form of a parameter value (OAS 3.1 §4.8.12.4 simple/form style for scalars). */
export function toWire(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** How a server reads a wire string back for its schema: numbers and booleans parse, the rest stay strings. */
export function fromWire(doc: Json, schema: unknown, wire: string): unknown {
  const s = deref(doc, schema, '').value;
  const types = isObject(s) ? (Array.isArray(s.type) ? s.type : [s.type]) : [];
  if (
    (types.includes('integer') || types.includes('number')) &&
    /^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/.test(wire)
  )
    return Number(wire);
  if (types.includes('boolean') && (wire === 'true' || wire === 'false')) return wire === 'true';
  return wire;
}

/** The resource kind a request member names (`path:customerId`, `body:/customer_id`), if any. */
export function referenceKind(ctx: RunContext, at: string): string | undefined {
  return ctx.conventions.references.find((r) => r.at === at)?.kind;
}

/** A path parameter's value: an id of its kind the service handed out, else any id that fits the schema. */
function pathValue(ctx: RunContext, p: Parameter, generated: unknown, index: number): unknown {
  const kind = referenceKind(ctx, `path:${p.name}`);
  const own = kind === undefined ? [] : ctx.idsOf(kind).filter((id) => ctx.validator.isValid(p.schema, id));
  if (own.length > 0) return own[index % own.length];
  const fits = ctx.ids.filter((id) => ctx.validator.isValid(p.schema, id));
  return fits.length > 0 ? fits[index % fits.length] : generated;
}

export function toRequest(
  ctx: RunContext,
  op: Operation,
  inputs: Inputs,
  token: string | null = ctx.token,
): HttpRequest {
  let path = op.path;
  for (const [k, v] of Object.entries(inputs.path))
    path = path.replace(`{${k}}`, encodeURIComponent(toWire(v)));
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(inputs.query)) if (v !== undefined) query[k] = toWire(v);
  const headers: Record<string, string> = { accept: 'application/json' };
  for (const [k, v] of Object.entries(inputs.header)) if (v !== undefined) headers[k] = toWire(v);
  if (token !== null && needsAuth(op)) headers.authorization = `Bearer ${token}`;
  const req: HttpRequest = { method: op.method, path, query, headers };
  if (op.requestBody !== undefined && !inputs.omitBody && inputs.body !== undefined) req.body = inputs.body;
  return req;
}

/** A fresh idempotency key that the parameter's schema accepts. */
export function freshKey(ctx: RunContext, p: Parameter | undefined, fallback: unknown): unknown {
  const key = ctx.nextKey();
  return p === undefined || ctx.validator.isValid(p.schema, key) ? key : fallback;
}

/** The operation's idempotency-key header, named by the conventions (inferred or configured). */
export function idempotencyParam(ctx: RunContext, op: Operation): Parameter | undefined {
  const name = ctx.conventions.idempotencyHeader?.toLowerCase();
  return name === undefined
    ? undefined
    : op.parameters.find((p) => p.in === 'header' && p.name.toLowerCase() === name);
}

/** Arbitrary for a whole valid input set of the operation (required members always, optional ones sometimes). */
function inputsArbitrary(ctx: RunContext, op: Operation): fc.Arbitrary<Inputs> {
  const group = (where: Parameter['in']): fc.Arbitrary<Record<string, unknown>> => {
    const ps = op.parameters.filter((p) => p.in === where);
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const p of ps) model[p.name] = arbitraryFor(ctx.doc, p.schema);
    return fc.record(model, {
      requiredKeys: ps.filter((p) => p.required).map((p) => p.name),
    }) as fc.Arbitrary<Record<string, unknown>>;
  };
  const body = op.requestBody ? arbitraryFor(ctx.doc, op.requestBody.schema) : fc.constant(undefined);
  return fc.record({ path: group('path'), query: group('query'), header: group('header'), body });
}

function paramValid(ctx: RunContext, p: Parameter, v: unknown): boolean {
  return ctx.validator.isValid(p.schema, fromWire(ctx.doc, p.schema, toWire(v)));
}

function inputsValid(ctx: RunContext, op: Operation, inputs: Inputs): boolean {
  for (const p of op.parameters) {
    if (p.in === 'cookie') continue;
    const group = p.in === 'header' ? inputs.header : p.in === 'query' ? inputs.query : inputs.path;
    const v = group[p.name];
    if (v === undefined) {
      if (p.required) return false;
      continue;
    }
    if (!paramValid(ctx, p, v)) return false;
  }
  if (op.requestBody !== undefined) {
    if (inputs.body === undefined) return !op.requestBody.required;
    return ctx.validator.isValid(op.requestBody.schema, inputs.body);
  }
  return true;
}

/** Valid samples for an operation: fast-check with the run's fixed seed (per operation offset). */
export function validInputs(ctx: RunContext, op: Operation, count: number): Inputs[] {
  if (count <= 0) return [];
  const samples = fc.sample(inputsArbitrary(ctx, op), {
    seed: (ctx.seed ^ hash(op.operationId)) | 0,
    numRuns: count * 3,
  });
  const valid = samples.filter((s) => inputsValid(ctx, op, s));
  // Optional members are left out on purpose in the second input: a service that breaks without
  // them is found at the default seed, not only when fast-check happens to drop them.
  const minimal = valid[0] === undefined ? undefined : requiredOnly(ctx, op, valid[0]);
  if (minimal !== undefined && count > 1) valid.splice(1, 0, minimal);
  // Then the boundaries: every bounded number and string member at its minimum, then at its maximum.
  if (valid[0] !== undefined && count > 3) {
    const edges = (['min', 'max'] as const)
      .map((edge) => atBoundary(ctx, op, valid[0]!, edge))
      .filter((e) => e !== undefined);
    valid.splice(Math.min(2, valid.length), 0, ...edges);
  }
  return valid.slice(0, count);
}

/** A bounded value at its edge: minimum/maximum for numbers, minLength/maxLength for plain strings. */
function edgeValue(ctx: RunContext, schema: unknown, edge: 'min' | 'max'): unknown {
  const s = deref(ctx.doc, schema, '').value;
  if (!isObject(s)) return undefined;
  const types = Array.isArray(s.type) ? s.type : [s.type];
  if (types.includes('integer') || types.includes('number')) {
    const v = edge === 'min' ? s.minimum : s.maximum;
    return typeof v === 'number' ? v : undefined;
  }
  if (types.includes('string') && s.pattern === undefined && s.format === undefined && s.enum === undefined) {
    const n = edge === 'min' ? s.minLength : s.maxLength;
    return typeof n === 'number' && n <= 4096 ? 'b'.repeat(n) : undefined;
  }
  return undefined;
}

function atBoundary(ctx: RunContext, op: Operation, inputs: Inputs, edge: 'min' | 'max'): Inputs | undefined {
  const query = { ...inputs.query };
  for (const p of op.parameters.filter((q) => q.in === 'query' && inputs.query[q.name] !== undefined)) {
    const v = edgeValue(ctx, p.schema, edge);
    if (v !== undefined) query[p.name] = v;
  }
  let body = inputs.body;
  const s = deref(ctx.doc, op.requestBody?.schema, '').value;
  if (isObject(body) && isObject(s) && isObject(s.properties)) {
    const out: Json = { ...body };
    for (const [k, schema] of Object.entries(s.properties)) {
      if (out[k] === undefined) continue;
      const v = edgeValue(ctx, schema, edge);
      if (v !== undefined) out[k] = v;
    }
    body = out;
  }
  const next: Inputs = { ...inputs, query, ...(body !== undefined ? { body } : {}) };
  if (JSON.stringify(next) === JSON.stringify(inputs) || !inputsValid(ctx, op, next)) return undefined;
  return next;
}

/** Only the parameters of `group` (query or header) that the operation declares required. */
export function requiredParams(
  op: Operation,
  where: Parameter['in'],
  group: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of op.parameters.filter((q) => q.in === where && q.required))
    if (group[p.name] !== undefined) out[p.name] = group[p.name];
  return out;
}

function requiredOnly(ctx: RunContext, op: Operation, inputs: Inputs): Inputs | undefined {
  const keep = (where: Parameter['in'], group: Record<string, unknown>) => requiredParams(op, where, group);
  let body = inputs.body;
  const s = deref(ctx.doc, op.requestBody?.schema, '').value;
  if (isObject(body) && isObject(s) && Array.isArray(s.required)) {
    const req = new Set(s.required.map(String));
    body = Object.fromEntries(Object.entries(body).filter(([k]) => req.has(k)));
  }
  const idem = idempotencyParam(ctx, op);
  const header = keep('header', inputs.header);
  if (idem !== undefined && inputs.header[idem.name] !== undefined)
    header[idem.name] = inputs.header[idem.name];
  const out: Inputs = {
    path: inputs.path,
    query: keep('query', inputs.query),
    header,
    ...(body !== undefined ? { body } : {}),
  };
  if (JSON.stringify(out) === JSON.stringify(inputs) || !inputsValid(ctx, op, out)) return undefined;
  return out;
}

/** The spec's own examples (request body examples, parameter examples). */
export function exampleInputs(ctx: RunContext, op: Operation): Inputs[] {
  const base = validInputs(ctx, op, 1)[0] ?? { path: {}, query: {}, header: {} };
  const withParams: Inputs = { path: { ...base.path }, query: {}, header: { ...base.header } };
  for (const p of op.parameters) {
    if (p.example === undefined) continue;
    if (p.in === 'query') withParams.query[p.name] = p.example;
    else if (p.in === 'header') withParams.header[p.name] = p.example;
    else if (p.in === 'path') withParams.path[p.name] = p.example;
  }
  const bodies = op.requestBody?.examples ?? [];
  if (bodies.length === 0) return op.parameters.some((p) => p.example !== undefined) ? [withParams] : [];
  return bodies.map((body) => ({ ...withParams, header: { ...withParams.header }, body }));
}

/** Inputs that break exactly one constraint each (confirmed invalid by ajv), from a valid base. */
export function invalidInputs(
  ctx: RunContext,
  op: Operation,
  base: Inputs,
): { constraint: string; inputs: Inputs }[] {
  const out: { constraint: string; inputs: Inputs }[] = [];
  for (const p of op.parameters) {
    if (p.in === 'cookie') continue;
    const where = p.in === 'header' ? 'header' : p.in;
    if (p.required && p.in !== 'path') {
      const group = { ...base[where] };
      delete group[p.name];
      out.push({ constraint: `required ${p.in} ${p.name}`, inputs: { ...base, [where]: group } });
    }
    const current =
      base[where][p.name] ?? fc.sample(arbitraryFor(ctx.doc, p.schema), { seed: ctx.seed, numRuns: 1 })[0];
    for (const inv of invalidValues(ctx.doc, p.schema, current)) {
      // Only what can travel on the wire and still break the schema (a number in a string query is a string).
      // Exactly one broken constraint, as the server will read the value off the wire.
      if (ctx.validator.validate(p.schema, fromWire(ctx.doc, p.schema, toWire(inv.value))).length !== 1)
        continue;
      if (typeof inv.value === 'object' && inv.value !== null) continue;
      out.push({
        constraint: `${inv.constraint.replace(/ \/$/, '')} ${p.in} ${p.name}`,
        inputs: { ...base, [where]: { ...base[where], [p.name]: inv.value } },
      });
    }
  }
  if (op.requestBody !== undefined && base.body !== undefined) {
    if (op.requestBody.required)
      out.push({ constraint: 'required body', inputs: { ...base, omitBody: true } });
    for (const inv of invalidValues(ctx.doc, op.requestBody.schema, base.body)) {
      if (ctx.validator.validate(op.requestBody.schema, inv.value).length !== 1) continue;
      out.push({ constraint: `${inv.constraint} body`, inputs: { ...base, body: inv.value } });
    }
  }
  return out.slice(0, MAX_INVALID);
}

/** Fills path parameters with known ids and gives each request its own idempotency key. */
export function finalize(ctx: RunContext, op: Operation, inputs: Inputs, index: number): Inputs {
  const path = { ...inputs.path };
  for (const p of op.parameters.filter((q) => q.in === 'path'))
    path[p.name] = pathValue(ctx, p, path[p.name], index);
  const header = { ...inputs.header };
  const body = fillReferences(ctx, op, inputs.body, index);
  const idem = idempotencyParam(ctx, op);
  if (idem !== undefined && header[idem.name] !== undefined && paramValid(ctx, idem, header[idem.name])) {
    header[idem.name] = freshKey(ctx, idem, header[idem.name]);
  }
  return { ...inputs, path, header, ...(body !== undefined ? { body } : {}) };
}

/**
 * Body members that name another resource get an id of that kind the service handed out: top-level
 * (`customer_id`), nested in an object (`billing.customer_id`) or in every array item (`lines[].plan_id`).
 */
function fillReferences(ctx: RunContext, op: Operation, body: unknown, index: number): unknown {
  if (!isObject(body) || op.requestBody === undefined) return body;
  let out: unknown = body;
  for (const r of ctx.conventions.references) {
    if (!r.at.startsWith('body:/')) continue;
    const pointer = r.at.slice('body:'.length);
    const ids = ctx.idsOf(r.kind);
    if (ids.length === 0 || valuesAt(out, pointer).length === 0) continue;
    const trial = replaceAt(out, pointer, (n) => ids[(index + n) % ids.length]);
    if (ctx.validator.isValid(op.requestBody.schema, trial)) out = trial;
  }
  return out;
}
