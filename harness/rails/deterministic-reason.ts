import fc from 'fast-check';
import { invalidInputs } from '../conformance/build-requests.js';
import type { HttpResponse, Operation } from '../conformance/types.js';
import { checkProperty, type RailContext } from './rail-context.js';

interface Probe {
  /** Failure class: the same class must get the same status and code on every route. */
  reason: string;
  /** Stable name of the exact request (for repeat comparison). */
  name: string;
  op: Operation;
  send(): Promise<HttpResponse>;
}

async function probesFor(rc: RailContext, tenant: string): Promise<Probe[]> {
  const probes: Probe[] = [];
  const noScopes = await rc.token(tenant, []);
  const all = await rc.token(tenant, rc.options.scopes);
  for (const op of rc.securedOps()) {
    const where = `${op.method.toUpperCase()} ${op.path}`;
    const inputs = rc.inputs(op, 3);
    probes.push({
      reason: 'no-token',
      name: `no-token ${where}`,
      op,
      send: () => rc.send(op, 'rail deterministic-reason', inputs, null),
    });
    probes.push({
      reason: 'bad-token',
      name: `bad-token ${where}`,
      op,
      send: () =>
        rc.send(op, 'rail deterministic-reason', inputs, 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.Zm9yZ2Vk'),
    });
    if ((rc.required(op) ?? []).length > 0) {
      probes.push({
        reason: 'missing-scope',
        name: `missing-scope ${where}`,
        op,
        send: () => rc.send(op, 'rail deterministic-reason', inputs, noScopes),
      });
    }
    // One invalid input per constraint kind (e.g. `maximum query limit`): same kind, same answer.
    for (const inv of invalidInputs(rc.run, op, inputs).slice(0, 6)) {
      const kind = inv.constraint.split(' ')[0]!;
      probes.push({
        reason: `invalid ${kind} ${where}`,
        name: `invalid ${inv.constraint} ${where}`,
        op,
        send: () => rc.send(op, 'rail deterministic-reason', inv.inputs, all),
      });
    }
  }
  return probes;
}

/**
 * deterministic-reason: equivalent failures get the same status and error code whatever order they
 * arrive in and whatever route they arrive by. The probes run once in order (the baseline), then in
 * fast-check-shuffled orders; every probe must repeat its baseline answer, and every probe of one
 * cross-route reason (no token, forged token, missing scope) must share one answer.
 */
export async function railDeterministicReason(rc: RailContext, tenant: string): Promise<void> {
  const outcome = (r: HttpResponse): string => `${r.status} ${rc.run.errorId(r.json) ?? '(no code)'}`;
  const probes = await probesFor(rc, tenant);
  if (probes.length === 0) {
    rc.run.skip('deterministic-reason', 'no secured operation to send failures to');
    return;
  }
  rc.run.ran('deterministic-reason');
  const baseline = new Map<string, string>();
  for (const p of probes) baseline.set(p.name, outcome(await p.send()));
  for (const reason of ['no-token', 'bad-token', 'missing-scope']) {
    const seen = new Map<string, string[]>();
    for (const p of probes.filter((q) => q.reason === reason)) {
      const o = baseline.get(p.name)!;
      seen.set(o, [...(seen.get(o) ?? []), p.name]);
    }
    if (seen.size > 1) {
      const ranked = [...seen.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
      for (const [o, names] of ranked.slice(1)) {
        for (const n of names) {
          const p = probes.find((q) => q.name === n)!;
          rc.run.fail(
            'deterministic-reason',
            p.op,
            `${reason}: answered ${o} on this route, ${ranked[0]![0]} on the others (fast-check seed ${rc.options.seed}; rerun with --seed ${rc.options.seed})`,
          );
        }
      }
    }
  }
  const subset = Math.min(probes.length, 24);
  const problem = await checkProperty(
    rc,
    fc.shuffledSubarray(probes, { minLength: Math.min(2, probes.length), maxLength: subset }),
    async (order) => {
      for (const p of order) {
        const o = outcome(await p.send());
        if (o !== baseline.get(p.name))
          return `${p.name}: answered ${o} in a shuffled order, ${baseline.get(p.name)} before`;
      }
      return undefined;
    },
    { numRuns: Math.min(rc.numRuns, 6) },
  );
  if (problem !== undefined) rc.run.fail('deterministic-reason', probes[0]!.op, problem);
}
