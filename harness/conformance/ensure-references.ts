import { valuesAt } from './body-members.js';
import { finalize, toRequest, validInputs } from './build-requests.js';
import type { RunContext } from './context.js';
import type { Operation } from './types.js';

const MAX_DEPTH = 4;

/** The kinds an operation's path parameters and body members (also nested ones) name, from the conventions' references. */
export function referencedKinds(ctx: RunContext, op: Operation): string[] {
  const out = new Set<string>();
  const sample = op.requestBody === undefined ? undefined : validInputs(ctx, op, 1)[0]?.body;
  for (const r of ctx.conventions.references) {
    if (r.at.startsWith('path:') && op.parameters.some((p) => p.in === 'path' && `path:${p.name}` === r.at))
      out.add(r.kind);
    if (r.at.startsWith('body:/') && valuesAt(sample, r.at.slice('body:'.length)).length > 0) out.add(r.kind);
  }
  return [...out].sort();
}

/**
 * Makes sure the service holds at least `count` resources of every kind `op` refers to, creating them
 * (and what they refer to, first) through the create operations: an invoice needs a customer.
 * Returns the kinds that could not be made (the caller decides whether that is a FAIL).
 */
export async function ensureReferences(
  ctx: RunContext,
  ops: readonly Operation[],
  op: Operation,
  options: { token?: string; origin?: string; count?: number; depth?: number } = {},
): Promise<string[]> {
  const depth = options.depth ?? 0;
  const missing: string[] = [];
  for (const kind of referencedKinds(ctx, op)) {
    const ref = ctx.conventions.references.find((r) => r.kind === kind)!;
    const create =
      ref.createOperationId === undefined
        ? undefined
        : ops.find((o) => o.operationId === ref.createOperationId);
    if (create === undefined || create === op || depth >= MAX_DEPTH) {
      if (ctx.idsOf(kind).length === 0) missing.push(kind);
      continue;
    }
    const want = options.count ?? 1;
    if (ctx.idsOf(kind).length >= want) continue;
    missing.push(...(await ensureReferences(ctx, ops, create, { ...options, depth: depth + 1, count: 1 })));
    const inputs = validInputs(ctx, create, Math.max(want, 1) + 2);
    for (const [i, base] of inputs.entries()) {
      if (ctx.idsOf(kind).length >= want) break;
      await ctx.send(
        create,
        options.origin ?? 'stateful reference',
        toRequest(ctx, create, finalize(ctx, create, base, i), options.token ?? ctx.token),
      );
    }
    if (ctx.idsOf(kind).length === 0) missing.push(kind);
  }
  return [...new Set(missing)].sort();
}
