import fc from 'fast-check';
import {
  finalize,
  idempotencyParam,
  referenceKind,
  toRequest,
  validInputs,
  type Inputs,
} from '../conformance/build-requests.js';
import type { RunContext } from '../conformance/context.js';
import { kindsInResponse, resourceKinds } from '../conformance/conventions/resource-kinds.js';
import { ensureReferences } from '../conformance/ensure-references.js';
import { nextToken, paginationOf } from '../conformance/profile.js';
import { deref, isObject } from '../conformance/pointer.js';
import { arbitraryFor } from '../conformance/schema/arbitrary.js';
import type { HttpResponse, Json, Operation } from '../conformance/types.js';
import type { RailContext } from './rail-context.js';

const PER_KIND = 2;
const MAX_PAGES = 200;

/** What one tenant owns after setup: ids by kind, the markers put into its data, the keys it used. */
interface TenantData {
  tenant: string;
  run: RunContext;
  markers: string[];
  keys: { op: Operation; key: string }[];
  /** Ids by kind right after setup (probes never add to them). */
  ids: Map<string, string[]>;
}

/** Puts a unique marker into every free-text member the schema accepts it in: a leak then shows up verbatim. */
function markBody(
  run: RunContext,
  schema: unknown,
  body: unknown,
  marker: string,
): { body: unknown; markers: string[] } {
  const s = deref(run.doc, schema, '').value;
  if (!isObject(body) || !isObject(s) || !isObject(s.properties)) return { body, markers: [] };
  const out: Json = { ...body };
  const markers: string[] = [];
  for (const k of Object.keys(s.properties).sort()) {
    if (typeof out[k] !== 'string' || run.conventions.references.some((r) => r.at === `body:/${k}`)) continue;
    const m = `${marker}-${k}`;
    const trial = { ...out, [k]: m };
    if (run.validator.isValid(schema, trial)) {
      out[k] = m;
      markers.push(m);
    }
  }
  return { body: out, markers };
}

function secretsOf(d: TenantData): string[] {
  return [...[...d.ids.values()].flat(), ...d.markers];
}

/** Only the required query parameters and headers: an optional one must not decide the answer. */
function requiredOnly(op: Operation, inputs: Inputs): Inputs {
  const keep = (where: 'query' | 'header', group: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(group).filter(([k]) =>
        op.parameters.some((p) => p.in === where && p.name === k && p.required),
      ),
    );
  return { ...inputs, query: keep('query', inputs.query), header: keep('header', inputs.header) };
}

function leaks(res: HttpResponse, secrets: readonly string[], allowed: readonly string[] = []): boolean {
  let text = res.raw.toString('utf8');
  for (const a of allowed) text = text.split(a).join('');
  return secrets.some((s) => s.length > 0 && text.includes(s));
}

/** Tenant data for every resource kind, through the API: created with the tenant's token, marked. */
async function makeData(
  rc: RailContext,
  tenant: string,
  creates: Operation[],
): Promise<{ data: TenantData; missing: string[] }> {
  const run = await rc.runFor(tenant);
  const data: TenantData = { tenant, run, markers: [], keys: [], ids: new Map() };
  const missing: string[] = [];
  const kinds = resourceKinds(run.doc, rc.ops);
  for (const [kind, create] of [...kinds.entries()].filter(([, op]) => creates.includes(op))) {
    const unmade = await ensureReferences(run, rc.ops, create, { origin: 'rail tenant-isolation' });
    if (unmade.length > 0) {
      missing.push(kind);
      continue;
    }
    for (const [i, base] of validInputs(run, create, PER_KIND + 2).entries()) {
      if (run.idsOf(kind).length >= PER_KIND) break;
      const inputs = finalize(run, create, base, i);
      const marked = markBody(
        run,
        create.requestBody!.schema,
        inputs.body,
        `${tenant}${rc.options.seed}x${kind}${i}`,
      );
      await run.send(
        create,
        'rail tenant-isolation',
        toRequest(run, create, { ...inputs, body: marked.body }),
      );
      data.markers.push(...marked.markers);
      const idem = idempotencyParam(run, create);
      const key = idem === undefined ? undefined : inputs.header[idem.name];
      if (typeof key === 'string') data.keys.push({ op: create, key });
    }
    if (run.idsOf(kind).length === 0) missing.push(kind);
  }
  for (const [kind, ids] of run.idsByKind) data.ids.set(kind, [...ids]);
  return { data, missing };
}

/** An id of `param`'s schema that no tenant owns: what "does not exist" looks like on this route. */
function absentId(rc: RailContext, schema: Json, taken: readonly string[]): unknown {
  return fc
    .sample(arbitraryFor(rc.options.doc, schema), { seed: rc.options.seed, numRuns: 16 })
    .find((v) => !taken.includes(String(v)));
}

/**
 * tenant-isolation, exhaustive and fail closed: both tenants get data of every resource kind through
 * the API; then each tenant, with its own full-scope token, asks for every id of the other tenant on
 * every by-id route (answer: exactly what a missing id gets: same status, same error identity, no
 * data), walks every page of every list (no item of the other tenant), and reuses the other tenant's
 * idempotency keys (no replay of their response, no refusal). A tenant that could not get data makes
 * the rail FAIL as inconclusive.
 */
export async function railTenantIsolation(rc: RailContext): Promise<void> {
  const [tenantA, tenantB] = rc.options.tenants;
  const creates = rc.ops.filter(
    (op) => op.method === 'post' && op.requestBody !== undefined && rc.required(op) !== null,
  );
  const kinds = resourceKinds(rc.options.doc, rc.ops);
  if (creates.length === 0 || ![...kinds.values()].some((op) => creates.includes(op))) {
    rc.run.skip(
      'tenant-isolation',
      'no create operation answers a resource with an id: no tenant data can be made',
    );
    return;
  }
  rc.run.ran('tenant-isolation');
  const seedNote = `(fast-check seed ${rc.options.seed} for the generated data; rerun with --seed ${rc.options.seed})`;
  const tenants: TenantData[] = [];
  for (const t of [tenantA, tenantB]) {
    const { data, missing } = await makeData(rc, t, creates);
    if (missing.length > 0) {
      rc.run.fail(
        'tenant-isolation',
        creates[0]!,
        `inconclusive: tenant ${t} could not create any ${missing.join(', ')}, so isolation of that data cannot be tested (fail closed) ${seedNote}`,
      );
      return;
    }
    tenants.push(data);
  }
  const taken = tenants.flatMap(secretsOf);
  const found = new Set<string>();
  const report = (op: Pick<Operation, 'method' | 'path'>, message: string): void => {
    const key = `${op.method} ${op.path} ${message}`;
    if (found.has(key)) return;
    found.add(key);
    rc.run.fail('tenant-isolation', op, `${message} ${seedNote}`);
  };

  const byId = rc.ops.filter(
    (op) => op.parameters.some((p) => p.in === 'path') && rc.required(op) !== null && op.method !== 'post',
  );
  // Deletes last: a leaking delete must not remove data the other probes still need.
  byId.sort((a, b) => Number(a.method === 'delete') - Number(b.method === 'delete'));
  for (const [me, them] of [
    [tenants[0]!, tenants[1]!],
    [tenants[1]!, tenants[0]!],
  ] as const) {
    const theirs = secretsOf(them);
    for (const op of byId) {
      const params = op.parameters.filter((p) => p.in === 'path');
      for (const target of params) {
        const kind = referenceKind(me.run, `path:${target.name}`);
        if (kind === undefined) continue;
        // The other path parameters are mine: only the probed one is the other tenant's.
        const base = requiredOnly(
          op,
          finalize(me.run, op, validInputs(me.run, op, 1)[0] ?? { path: {}, query: {}, header: {} }, 0),
        );
        const missingId = absentId(rc, target.schema, taken);
        const none = await me.run.send(
          op,
          'rail tenant-isolation',
          toRequest(me.run, op, { ...base, path: { ...base.path, [target.name]: missingId } }),
          { file: false },
        );
        const noneSig = `${none.status} ${me.run.errorId(none.json) ?? ''}`;
        for (const id of them.ids.get(kind) ?? []) {
          const res = await me.run.send(
            op,
            'rail tenant-isolation',
            toRequest(me.run, op, { ...base, path: { ...base.path, [target.name]: id } }),
            { file: false },
          );
          const sig = `${res.status} ${me.run.errorId(res.json) ?? ''}`;
          if (res.status >= 200 && res.status < 300)
            report(
              op,
              `another tenant's ${target.name} answered ${res.status}: tenant data crosses organisations`,
            );
          else if (leaks(res, theirs, [id]))
            report(op, `the answer to another tenant's ${target.name} carries that tenant's data`);
          else if (sig !== noneSig)
            report(
              op,
              `another tenant's ${target.name} is distinguishable from a missing one (${sig.trim()} vs ${noneSig.trim()})`,
            );
        }
      }
    }

    // Every page of every list (nested lists under each of my parents).
    const lists = rc.ops
      .filter(
        (op) =>
          op.method === 'get' &&
          rc.required(op) !== null &&
          kindsInResponse(rc.options.doc, op, 200)?.items !== undefined,
      )
      .map((op) => ({ op, p: paginationOf(me.run, op) }));
    for (const { op, p } of lists) {
      const params = op.parameters.filter((q) => q.in === 'path');
      const parentSets: Record<string, unknown>[] = [{}];
      for (const prm of params) {
        const kind = referenceKind(me.run, `path:${prm.name}`);
        const ids = kind === undefined ? [] : (me.ids.get(kind) ?? []);
        if (ids.length === 0) {
          report(op, `inconclusive: no ${prm.name} of this tenant to list under (fail closed)`);
          parentSets.length = 0;
          break;
        }
        const next: Record<string, unknown>[] = [];
        for (const set of parentSets) for (const id of ids) next.push({ ...set, [prm.name]: id });
        parentSets.splice(0, parentSets.length, ...next);
      }
      for (const path of parentSets) {
        let cursor: string | undefined;
        for (let page = 0; page < MAX_PAGES; page++) {
          const query: Record<string, unknown> = {};
          if (p !== undefined && cursor !== undefined) query[p.cursorParam] = cursor;
          if (p?.limitParam !== undefined) query[p.limitParam.name] = 2;
          const res = await me.run.send(
            op,
            'rail tenant-isolation',
            toRequest(me.run, op, { path, query, header: {} }),
            { file: false },
          );
          if (leaks(res, theirs)) {
            report(op, `a page of the list shows one tenant an item of another tenant`);
            break;
          }
          if (res.status !== 200) {
            report(op, `inconclusive: the list answered ${res.status} to its own tenant (fail closed)`);
            break;
          }
          const next = p === undefined ? {} : nextToken(p, res.json, res.headers);
          if (next.token === undefined) break;
          cursor = next.token;
        }
      }
    }

    // The other tenant's idempotency keys: neither a replay of their response nor a refusal.
    for (const { op, key } of them.keys) {
      const idem = idempotencyParam(me.run, op);
      if (idem === undefined) continue;
      const base = finalize(me.run, op, validInputs(me.run, op, 1)[0]!, 7);
      const res = await me.run.send(
        op,
        'rail tenant-isolation',
        toRequest(me.run, op, { ...base, header: { ...base.header, [idem.name]: key } }),
        { file: false },
      );
      if (leaks(res, theirs))
        report(op, `reusing another tenant's ${idem.name} returned that tenant's response`);
      else if (res.status < 200 || res.status > 299)
        report(
          op,
          `reusing another tenant's ${idem.name} was answered ${res.status} (keys must be per tenant)`,
        );
    }
  }
}
