import fc from 'fast-check';
import { toRequest } from '../build-requests.js';
import type { RunContext } from '../context.js';
import { needsAuth } from '../operations.js';
import { arbitraryFor } from '../schema/arbitrary.js';
import type { HttpResponse, Operation } from '../types.js';

/** One probe: a named failure class sent to one operation. */
export interface FailureProbe {
  failure: 'no-token' | 'bad-token' | 'not-found';
  op: Operation;
  send(): Promise<HttpResponse>;
}

/** Failures that must look the same on every route: no token, a forged token, an unknown id. */
export function failureProbes(ctx: RunContext, ops: readonly Operation[]): FailureProbe[] {
  const probes: FailureProbe[] = [];
  for (const op of ops) {
    const path: Record<string, unknown> = {};
    for (const p of op.parameters.filter((q) => q.in === 'path')) {
      const samples = fc.sample(arbitraryFor(ctx.doc, p.schema), { seed: ctx.seed, numRuns: 8 });
      path[p.name] = samples.find((v) => !ctx.ids.includes(String(v))) ?? samples[0];
    }
    const body = op.requestBody
      ? fc.sample(arbitraryFor(ctx.doc, op.requestBody.schema), { seed: ctx.seed, numRuns: 1 })[0]
      : undefined;
    const base = { path, query: {}, header: {}, ...(body !== undefined ? { body } : {}) };
    if (needsAuth(op)) {
      probes.push({
        failure: 'no-token',
        op,
        send: () => ctx.send(op, 'stateful error-code-stable', toRequest(ctx, op, base, null)),
      });
      probes.push({
        failure: 'bad-token',
        op,
        send: () => {
          const req = toRequest(ctx, op, base, null);
          req.headers.authorization = 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmb3JnZWQifQ.Zm9yZ2Vk';
          return ctx.send(op, 'stateful error-code-stable', req);
        },
      });
    }
    if (op.method === 'get' && Object.keys(path).length > 0 && op.responses.some((r) => r.status === '404')) {
      probes.push({
        failure: 'not-found',
        op,
        send: () => ctx.send(op, 'stateful error-code-stable', toRequest(ctx, op, base)),
      });
    }
  }
  return probes;
}

/** Same failure → same status and error code, on every route and on every repeat. */
export async function checkErrorCodeStable(ctx: RunContext, ops: readonly Operation[]): Promise<void> {
  const probes = failureProbes(ctx, ops);
  const byFailure = new Map<string, Map<string, string[]>>();
  for (const probe of probes) {
    ctx.ran('error-code-stable');
    const first = await probe.send();
    const again = await probe.send();
    const sig = (r: HttpResponse): string => `${r.status} ${ctx.errorId(r.json) ?? '(no code)'}`;
    if (sig(first) !== sig(again)) {
      ctx.fail(
        'error-code-stable',
        probe.op,
        `${probe.failure}: answered ${sig(first)} then ${sig(again)} for the same request`,
      );
    }
    const outcomes = byFailure.get(probe.failure) ?? new Map<string, string[]>();
    const list = outcomes.get(sig(first)) ?? [];
    list.push(`${probe.op.method.toUpperCase()} ${probe.op.path}`);
    outcomes.set(sig(first), list);
    byFailure.set(probe.failure, outcomes);
  }
  // Repeat every invalid request of the first pass once: the code must not change.
  // (Not those naming a resource a DELETE has since removed: that request's answer rightly changed.)
  const gone = (path: string): boolean => path.split('/').some((s) => ctx.deleted.has(decodeURIComponent(s)));
  const invalid = ctx.exchanges
    .filter((e) => e.origin.startsWith('invalid') && !gone(e.request.path))
    .slice(0, 60);
  for (const ex of invalid) {
    ctx.ran('error-code-stable');
    const again = await ctx.client.send(ex.request);
    ctx.requests += 1;
    const a = `${ex.response.status} ${ctx.errorId(ex.response.json) ?? '(no code)'}`;
    const b = `${again.status} ${ctx.errorId(again.json) ?? '(no code)'}`;
    if (a !== b)
      ctx.fail('error-code-stable', ex.op, `${ex.origin}: answered ${a} then ${b} for the same request`);
  }
  for (const [failure, outcomes] of [...byFailure.entries()].sort()) {
    if (outcomes.size <= 1) continue;
    // The contract's outcome: the one the spec's own examples show on most routes, then the
    // majority; every route that differs from it is a finding.
    const documented = (outcome: string, routes: string[]): number =>
      routes.filter((route) => documentedOutcomes(ctx, ops, route).includes(outcome)).length;
    const ranked = [...outcomes.entries()].sort(
      (x, y) =>
        documented(y[0], y[1]) - documented(x[0], x[1]) ||
        y[1].length - x[1].length ||
        (x[0] < y[0] ? -1 : 1),
    );
    const [expected] = ranked[0]!;
    for (const [outcome, routes] of ranked.slice(1)) {
      for (const route of routes) {
        const [method, path] = route.split(' ') as [string, string];
        ctx.fail(
          'error-code-stable',
          { method: method.toLowerCase(), path } as Operation,
          `${failure}: answered ${outcome}, other routes answer ${expected}`,
        );
      }
    }
  }
}

/** `STATUS code` pairs the route's documented error examples show (e.g. `404 not_found`). */
function documentedOutcomes(ctx: RunContext, ops: readonly Operation[], route: string): string[] {
  const [method, path] = route.split(' ') as [string, string];
  const op = ops.find((o) => o.method === method.toLowerCase() && o.path === path);
  const out: string[] = [];
  for (const r of op?.responses ?? []) {
    for (const media of Object.values(r.content)) {
      for (const ex of media.examples) {
        const code = ctx.errorId(ex);
        if (code !== undefined) out.push(`${r.status} ${code}`);
      }
    }
  }
  return out;
}
