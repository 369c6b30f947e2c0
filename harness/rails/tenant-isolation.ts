import fc from 'fast-check';
import { finalize, idempotencyParam, validInputs, type Inputs } from '../conformance/build-requests.js';
import { errorCodeOf } from '../conformance/checks/error-envelope.js';
import { paginationOf } from '../conformance/profile.js';
import { deref, isObject } from '../conformance/pointer.js';
import { arbitraryFor } from '../conformance/schema/arbitrary.js';
import type { HttpResponse, Json, Operation } from '../conformance/types.js';
import { checkProperty, type RailContext } from './rail-context.js';

interface Owned {
  op: Operation;
  inputs: Inputs;
  id: string;
  markers: string[];
}

/** Puts a unique marker into every free-text member the schema accepts it in: a leak then shows up verbatim. */
function markBody(
  rc: RailContext,
  schema: unknown,
  body: unknown,
  marker: string,
): { body: unknown; markers: string[] } {
  const s = deref(rc.options.doc, schema, '').value;
  if (!isObject(body) || !isObject(s) || !isObject(s.properties)) return { body, markers: [] };
  const out: Json = { ...body };
  const markers: string[] = [];
  for (const k of Object.keys(s.properties).sort()) {
    if (typeof out[k] !== 'string') continue;
    const m = `${marker}-${k}`;
    const trial = { ...out, [k]: m };
    if (rc.run.validator.isValid(schema, trial)) {
      out[k] = m;
      markers.push(m);
    }
  }
  return { body: out, markers };
}

function leaks(
  res: HttpResponse,
  secrets: readonly string[],
  allowed: readonly string[] = [],
): string | undefined {
  let text = res.raw.toString('utf8');
  for (const a of allowed) text = text.split(a).join('');
  return secrets.find((s) => s.length > 0 && text.includes(s));
}

/**
 * tenant-isolation: with tenant A's credentials no response ever carries tenant B's data: B's ids
 * fetched directly look exactly like ids that do not exist; A's lists and pages never hold B's items;
 * B's idempotency keys neither replay B's response to A nor refuse A; no error message names B's data.
 */
export async function railTenantIsolation(rc: RailContext): Promise<void> {
  const [tenantA, tenantB] = rc.options.tenants;
  const all = [...rc.options.scopes];
  const tokenA = await rc.token(tenantA, all);
  const tokenB = await rc.token(tenantB, all);
  const creates = rc.ops.filter(
    (op) => op.method === 'post' && op.requestBody !== undefined && rc.required(op) !== null,
  );
  if (creates.length === 0) {
    rc.run.skip('tenant-isolation', 'no create operation to give tenant B data');
    return;
  }
  rc.run.ran('tenant-isolation');
  // Tenant B's data, each item carrying markers.
  const owned: Owned[] = [];
  for (const op of creates) {
    for (const [i, base] of validInputs(rc.run, op, 4).entries()) {
      // Odd items carry markers; even items stay plain so tenant A can resend their exact body
      // (the idempotency probe) without A's own data then containing B's markers.
      const marked =
        owned.length % 2 === 1
          ? markBody(rc, op.requestBody!.schema, base.body, `tenantB${rc.options.seed}x${owned.length}`)
          : { body: base.body, markers: [] };
      const inputs = finalize(rc.run, op, { ...base, body: marked.body }, i);
      const res = await rc.send(op, 'rail tenant-isolation', inputs, tokenB);
      const id = isObject(res.json) && typeof res.json.id === 'string' ? res.json.id : undefined;
      if (res.status >= 200 && res.status < 300 && id !== undefined)
        owned.push({ op, inputs, id, markers: marked.markers });
    }
  }
  if (owned.length === 0) {
    rc.run.fail(
      'tenant-isolation',
      creates[0]!,
      'tenant B could not create any resource: isolation cannot be tested (fail closed)',
    );
    return;
  }
  const secrets = owned.flatMap((o) => [o.id, ...o.markers]);
  // Tenant A's own items, so lists are not trivially empty.
  for (const op of creates) {
    for (const [i, base] of validInputs(rc.run, op, 2).entries())
      await rc.send(op, 'rail tenant-isolation', finalize(rc.run, op, base, 10 + i), tokenA);
  }

  const byId = rc.ops.filter(
    (op) => op.method === 'get' && op.parameters.some((p) => p.in === 'path') && rc.required(op) !== null,
  );
  const lists = rc.ops.map((op) => paginationOf(rc.options.doc, op)).filter((p) => p !== undefined);
  type Probe =
    | { kind: 'by-id'; op: Operation; item: number }
    | { kind: 'list'; list: number }
    | { kind: 'idempotency'; item: number };
  const probes: fc.Arbitrary<Probe>[] = [
    fc.record({ kind: fc.constant('idempotency' as const), item: fc.nat(owned.length - 1) }),
  ];
  if (byId.length > 0)
    probes.push(
      fc.record({
        kind: fc.constant('by-id' as const),
        op: fc.constantFrom(...byId),
        item: fc.nat(owned.length - 1),
      }),
    );
  if (lists.length > 0)
    probes.push(fc.record({ kind: fc.constant('list' as const), list: fc.nat(lists.length - 1) }));

  const problem = await checkProperty(
    rc,
    fc.oneof(...probes),
    async (probe) => {
      if (probe.kind === 'by-id') {
        const target = owned[probe.item]!;
        const param = probe.op.parameters.find(
          (p) => p.in === 'path' && rc.run.validator.isValid(p.schema, target.id),
        );
        if (param === undefined) return undefined; // this route takes another kind of id
        const other = probe.op.parameters.filter((p) => p.in === 'path' && p !== param);
        const path: Record<string, unknown> = {};
        for (const p of other)
          path[p.name] = fc.sample(arbitraryFor(rc.options.doc, p.schema), {
            seed: rc.options.seed,
            numRuns: 1,
          })[0];
        const missing = fc
          .sample(arbitraryFor(rc.options.doc, param.schema), { seed: rc.options.seed, numRuns: 4 })
          .find((v) => !secrets.includes(String(v)));
        const theirs = await rc.send(
          probe.op,
          'rail tenant-isolation',
          { path: { ...path, [param.name]: target.id }, query: {}, header: {} },
          tokenA,
        );
        const none = await rc.send(
          probe.op,
          'rail tenant-isolation',
          { path: { ...path, [param.name]: missing }, query: {}, header: {} },
          tokenA,
        );
        const where = `${probe.op.method.toUpperCase()} ${probe.op.path}`;
        if (theirs.status >= 200 && theirs.status < 300)
          return `${where} with tenant B's id answered ${theirs.status} to tenant A`;
        const leaked = leaks(theirs, secrets, [target.id]);
        if (leaked !== undefined) return `${where}: the answer to tenant A carries tenant B's data`;
        const norm = (r: HttpResponse, id: unknown): string =>
          `${r.status} ${errorCodeOf(r.json) ?? ''} ${isObject(r.json) && isObject(r.json.error) ? String(r.json.error.message).split(String(id)).join('<id>') : ''}`;
        if (norm(theirs, target.id) !== norm(none, missing))
          return `${where}: tenant B's id is distinguishable from a missing id (${theirs.status} ${errorCodeOf(theirs.json) ?? ''} vs ${none.status} ${errorCodeOf(none.json) ?? ''})`;
        return undefined;
      }
      if (probe.kind === 'list') {
        const p = lists[probe.list]!;
        let cursor: string | undefined;
        for (let page = 0; page < 200; page++) {
          const query: Record<string, unknown> = cursor === undefined ? {} : { [p.cursorParam]: cursor };
          if (p.limitParam) query[p.limitParam.name] = 2;
          const res = await rc.send(p.op, 'rail tenant-isolation', { path: {}, query, header: {} }, tokenA);
          if (leaks(res, secrets) !== undefined)
            return `${p.op.method.toUpperCase()} ${p.op.path}: page ${page + 1} shows tenant A an item of tenant B`;
          const next = isObject(res.json) ? res.json[p.nextField] : undefined;
          if (res.status !== 200 || typeof next !== 'string' || next === '') return undefined;
          cursor = next;
        }
        return undefined;
      }
      const target = owned[probe.item]!;
      const op = target.op;
      const idem = idempotencyParam(op);
      if (idem === undefined) return undefined;
      // Even items: A sends B's exact body; odd items: A's own body. Fixed per item, so a repeat is A's own replay.
      const sameBody = probe.item % 2 === 0;
      const own = validInputs(rc.run, op, 5).at(-1);
      const body = sameBody ? target.inputs.body : own?.body;
      const inputs: Inputs = { ...target.inputs, header: { ...target.inputs.header }, body };
      const res = await rc.send(op, 'rail tenant-isolation', inputs, tokenA);
      const where = `${op.method.toUpperCase()} ${op.path}`;
      if (leaks(res, [target.id]) !== undefined)
        return `${where}: tenant A reusing tenant B's ${idem.name} got tenant B's response back`;
      if (res.status < 200 || res.status > 299)
        return `${where}: tenant A reusing tenant B's ${idem.name} was answered ${res.status} (keys must be per tenant)`;
      const allowed = sameBody ? target.markers : [];
      if (leaks(res, secrets, allowed) !== undefined) return `${where}: the answer carries tenant B's data`;
      return undefined;
    },
    { numRuns: Math.max(rc.numRuns, 3 * (byId.length + lists.length + 1)) },
  );
  if (problem !== undefined) {
    // Every message starts with the route the leak came through: report it there.
    const m = /^([A-Z]+) (\/\S*?)(?::| with)/.exec(problem);
    const at = m === null ? creates[0]! : { method: m[1]!.toLowerCase() as Operation['method'], path: m[2]! };
    rc.run.fail('tenant-isolation', at, problem);
  }
}
