import fc from 'fast-check';
import type { RailContext } from './rail-context.js';
import { checkProperty } from './rail-context.js';

const denied = (status: number): boolean => status === 401 || status === 403;

/**
 * scope-lattice-monotonic: for every operation and scope sets S ⊆ T, if S is allowed (not 401/403)
 * then T is allowed too. Granting more scopes never takes access away.
 */
export async function railScopeMonotonic(rc: RailContext, tenant: string): Promise<void> {
  const all = [...rc.options.scopes].sort();
  for (const op of rc.securedOps()) {
    rc.run.ran('scope-lattice-monotonic');
    // The lattice is only tested where the top of it is allowed: an operation nothing could get a
    // 2xx from (every scope held) tells nothing about which scopes allow it.
    if (!rc.exercised(op)) {
      rc.run.fail(
        'scope-lattice-monotonic',
        op,
        `inconclusive: no request with every scope was answered 2xx, so no allowed call was exercised (fail closed; fast-check seed ${rc.options.seed})`,
      );
      continue;
    }
    const arb = fc
      .tuple(fc.subarray(all), fc.subarray(all))
      .map(([s, extra]) => ({ small: s, big: [...new Set([...s, ...extra])].sort() }));
    const problem = await checkProperty(
      rc,
      arb,
      async ({ small, big }) => {
        const inputs = rc.inputs(op);
        const a = await rc.send(op, 'rail scope-lattice-monotonic', inputs, await rc.token(tenant, small));
        if (denied(a.status)) return undefined;
        const b = await rc.send(
          op,
          'rail scope-lattice-monotonic',
          rc.inputs(op, 1),
          await rc.token(tenant, big),
        );
        return denied(b.status)
          ? `scopes [${small.join(' ')}] are allowed (${a.status}) but the larger set [${big.join(' ')}] is refused (${b.status})`
          : undefined;
      },
      { examples: all.map((s) => ({ small: [s], big: all })) },
    );
    if (problem !== undefined) rc.run.fail('scope-lattice-monotonic', op, problem);
  }
}

/**
 * scope-least-privilege: a token missing one of the operation's documented scopes is refused with
 * 403; a token holding them is not refused. Catches a scope that a lower role wrongly has.
 */
export async function railScopeLeastPrivilege(rc: RailContext, tenant: string): Promise<void> {
  const all = [...rc.options.scopes].sort();
  let any = false;
  for (const op of rc.securedOps()) {
    const need = rc.required(op) ?? [];
    if (need.length === 0) continue;
    any = true;
    rc.run.ran('scope-least-privilege');
    const problem = await checkProperty(
      rc,
      fc.subarray(all),
      async (scopes) => {
        const holds = need.every((s) => scopes.includes(s));
        const res = await rc.send(
          op,
          'rail scope-least-privilege',
          rc.inputs(op, 2),
          await rc.token(tenant, scopes),
        );
        if (holds && denied(res.status))
          return `a token with [${scopes.join(' ')}] (includes the required [${need.join(' ')}]) was refused ${res.status}`;
        if (!holds && res.status !== 403)
          return `a token with [${scopes.join(' ')}] lacks the required [${need.join(' ')}] but was answered ${res.status}, expected 403`;
        return undefined;
      },
      // Every single scope, nothing at all, and everything: the lattice corners.
      { examples: [[], ...all.map((s) => [s]), all.filter((s) => !need.includes(s)), all] },
    );
    if (problem !== undefined) rc.run.fail('scope-least-privilege', op, problem);
  }
  if (!any)
    rc.run.skip(
      'scope-least-privilege',
      'no operation documents its required scopes (security requirement scopes, x-required-scopes or "Requires scope `x`")',
    );
}
