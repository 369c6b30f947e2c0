import fc from 'fast-check';
import {
  finalize,
  idempotencyParam,
  referenceKind,
  requiredParams,
  toRequest,
  validInputs,
  type Inputs,
} from '../conformance/build-requests.js';
import type { RunContext } from '../conformance/context.js';
import { kindsInResponse, resourceKinds } from '../conformance/conventions/resource-kinds.js';
import { ensureReferences } from '../conformance/ensure-references.js';
import { paginationOf } from '../conformance/profile.js';
import { deref, isObject } from '../conformance/pointer.js';
import { arbitraryFor } from '../conformance/schema/arbitrary.js';
import type { HttpResponse, Json, Operation } from '../conformance/types.js';
import { walkPages } from '../conformance/walk-pages.js';
import type { RailContext } from './rail-context.js';

const PER_KIND = 2;
/** Page size for the list walk: small, so every page (not only the first) is looked at. */
const PAGE = 2;

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
  return {
    ...inputs,
    query: requiredParams(op, 'query', inputs.query),
    header: requiredParams(op, 'header', inputs.header),
  };
}

function leaks(res: HttpResponse, secrets: readonly string[], allowed: readonly string[] = []): boolean {
  let text = res.raw.toString('utf8');
  for (const a of allowed) text = text.split(a).join('');
  return secrets.some((s) => s.length > 0 && text.includes(s));
}

/**
 * Tenant data for every resource kind: created through the API with the tenant's token (marked), or
 * made by the subject's seed hook (already filed in the tenant's run context). `missing` says which
 * kinds the probes need and the tenant has none of, and why.
 */
async function makeData(
  rc: RailContext,
  tenant: string,
  made: readonly (readonly [string, Operation])[],
  needed: readonly string[],
): Promise<{ data: TenantData; missing: string[] }> {
  const run = await rc.runFor(tenant);
  const data: TenantData = { tenant, run, markers: [], keys: [], ids: new Map() };
  const missing: string[] = [];
  for (const [kind, create] of made) {
    const unmade = await ensureReferences(run, rc.ops, create, { origin: 'rail tenant-isolation' });
    if (unmade.length > 0) {
      missing.push(`${kind} (it needs a ${unmade.join(', ')} first)`);
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
    if (run.idsOf(kind).length === 0) missing.push(`${kind} (${create.operationId} made none)`);
  }
  for (const kind of needed) {
    if (made.some(([k]) => k === kind) || run.idsOf(kind).length > 0) continue;
    missing.push(`${kind} (no operation creates one and the subject's seed hook gave none)`);
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
  const made = [...resourceKinds(rc.options.doc, rc.ops).entries()].filter(([, op]) => creates.includes(op));
  const byId = rc.ops.filter(
    (op) => op.parameters.some((p) => p.in === 'path') && rc.required(op) !== null && op.method !== 'post',
  );
  const lists = rc.ops.filter(
    (op) =>
      op.method === 'get' &&
      rc.required(op) !== null &&
      kindsInResponse(rc.options.doc, op, 200)?.items !== undefined,
  );
  // Every kind a tenant creates or a by-id route reads needs data in both tenants, whether the API
  // or the seed hook makes it. (A kind only ever listed may be shared by all tenants: not required.)
  const needed = new Set(made.map(([k]) => k));
  for (const op of byId)
    for (const p of op.parameters.filter((q) => q.in === 'path')) {
      const kind = referenceKind(rc.run, `path:${p.name}`);
      if (kind !== undefined) needed.add(kind);
    }
  if (needed.size === 0) {
    rc.run.skip(
      'tenant-isolation',
      'no operation creates or reads a resource with an id: there is no tenant data to isolate',
    );
    return;
  }
  rc.run.ran('tenant-isolation');
  const seedNote = `(fast-check seed ${rc.options.seed} for the generated data; rerun with --seed ${rc.options.seed})`;
  const tenants: TenantData[] = [];
  for (const t of [tenantA, tenantB]) {
    const { data, missing } = await makeData(rc, t, made, [...needed].sort());
    if (missing.length > 0) {
      rc.run.fail(
        'tenant-isolation',
        made[0]?.[1] ?? byId[0] ?? lists[0]!,
        `inconclusive: tenant ${t} has no ${missing.join(', ')}, so isolation of that data cannot be tested (fail closed; a kind the API cannot create comes from the subject's seed hook, docs/conformance.md) ${seedNote}`,
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
        // The same request with only the probed id changed: an absent id, then each of theirs.
        const probe = (id: unknown) =>
          me.run.send(
            op,
            'rail tenant-isolation',
            toRequest(me.run, op, { ...base, path: { ...base.path, [target.name]: id } }),
            { file: false },
          );
        const signature = (r: HttpResponse) => `${r.status} ${me.run.errorId(r.json) ?? ''}`;
        const noneSig = signature(await probe(absentId(rc, target.schema, taken)));
        for (const id of them.ids.get(kind) ?? []) {
          const res = await probe(id);
          const sig = signature(res);
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
    for (const op of lists) {
      const p = paginationOf(me.run, op);
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
        let leaked = false;
        const walked = await walkPages(me.run, op, p, {
          path,
          limit: PAGE,
          origin: 'rail tenant-isolation',
          file: false,
          onPage: (res) => {
            leaked = leaks(res, theirs);
            return !leaked;
          },
        });
        if (leaked) report(op, `a page of the list shows one tenant an item of another tenant`);
        else if (walked.failed !== undefined)
          report(
            op,
            `inconclusive: walking the list as its own tenant failed: ${walked.failed} (fail closed)`,
          );
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
