import { finalize, referenceKind, toRequest, validInputs } from '../build-requests.js';
import type { RunContext } from '../context.js';
import { ensureReferences } from '../ensure-references.js';
import { replaceAt } from '../body-members.js';
import { createFor, type Pagination } from '../profile.js';
import { deref, isObject } from '../pointer.js';
import { walkPages } from '../walk-pages.js';
import type { Json, Operation } from '../types.js';

/** Every page of the list under `path`, filed as this run's data (the shared walker). */
function walk(ctx: RunContext, p: Pagination, limit: number | undefined, path: Record<string, unknown>) {
  return walkPages(ctx, p.op, p, {
    path,
    ...(limit !== undefined ? { limit } : {}),
    origin: 'stateful pagination-walk',
  });
}

function bounds(ctx: RunContext, p: Pagination): { min: number; max: number | undefined } {
  const s = deref(ctx.doc, p.limitParam?.schema, '').value;
  const min = isObject(s) && typeof s.minimum === 'number' ? s.minimum : 1;
  const max = isObject(s) && typeof s.maximum === 'number' ? s.maximum : undefined;
  return { min, max };
}

/**
 * Walks every page twice with a small limit and once with the largest, and compares: no duplicates,
 * no gaps against the full set, the same order every time, page sizes within the limit, cursors that
 * are not raw offsets or ids, and out-of-range limits refused with a 4xx.
 */
export async function checkPaginationWalk(
  ctx: RunContext,
  p: Pagination,
  ops: readonly Operation[],
): Promise<void> {
  const { op } = p;
  ctx.ran('pagination-walk');
  const { min, max } = bounds(ctx, p);
  const base = Math.max(min, 2);
  // A nested list (`/customers/{customerId}/invoices`) is walked under a real parent the service handed out.
  const unmade = await ensureReferences(ctx, ops, op, { origin: 'stateful pagination-walk' });
  if (unmade.length > 0)
    return ctx.fail(
      'pagination-walk',
      op,
      `could not create a ${unmade.join(', ')} to list under (fail closed)`,
    );
  const path: Record<string, unknown> = {};
  const parents: { kind: string; id: string }[] = [];
  for (const prm of op.parameters.filter((q) => q.in === 'path')) {
    const kind = referenceKind(ctx, `path:${prm.name}`);
    const id = kind === undefined ? undefined : ctx.idsOf(kind)[0];
    if (kind === undefined || id === undefined)
      return ctx.fail(
        'pagination-walk',
        op,
        `path parameter ${prm.name} names no resource kind proofgate can create (set conformance.conventions.references)`,
      );
    path[prm.name] = id;
    parents.push({ kind, id });
  }
  // Enough items for several small pages: create them through the operation that makes the list's items.
  const create = createFor(ctx, ops, op);
  const first = await walk(ctx, p, max, path);
  if (first.failed) return ctx.fail('pagination-walk', op, `full walk failed: ${first.failed}`);
  const want = base * 3 + 1;
  if (first.ids.length < want && create !== undefined) {
    const inputs = validInputs(ctx, create, want - first.ids.length);
    for (const [i, inp] of inputs.entries()) {
      const made = finalize(ctx, create, inp, i);
      // Children of the walked parent: every body member (also nested) that names the parent's kind gets its id.
      let body: unknown = made.body;
      for (const r of ctx.conventions.references) {
        const parent = parents.find((x) => x.kind === r.kind);
        if (parent !== undefined && r.at.startsWith('body:/'))
          body = replaceAt(body, r.at.slice('body:'.length), () => parent.id);
      }
      await ctx.send(
        create,
        'stateful pagination-walk',
        toRequest(ctx, create, { ...made, ...(made.body !== undefined ? { body } : {}) }),
      );
    }
  }
  const full = await walk(ctx, p, max, path);
  if (full.failed) return ctx.fail('pagination-walk', op, `full walk failed: ${full.failed}`);
  // Small pages, but at most ~40 of them on a big (staging) data set.
  const small = Math.min(max ?? Infinity, Math.max(base, Math.ceil(full.ids.length / 40)));
  if (full.ids.length <= small) {
    return ctx.fail(
      'pagination-walk',
      op,
      `only ${full.ids.length} item(s) visible: cannot walk more than one page (fail closed)`,
    );
  }
  const a = await walk(ctx, p, small, path);
  const b = await walk(ctx, p, small, path);
  for (const w of [a, b])
    if (w.failed)
      return ctx.fail(
        'pagination-walk',
        op,
        `walk with ${p.limitParam?.name ?? 'limit'}=${small} failed: ${w.failed}`,
      );
  const dup = a.ids.filter((id, i) => a.ids.indexOf(id) !== i);
  if (dup.length > 0) ctx.fail('pagination-walk', op, `${dup.length} item(s) appear on more than one page`);
  const seen = new Set(a.ids);
  const missing = full.ids.filter((id) => !seen.has(id));
  if (missing.length > 0)
    ctx.fail(
      'pagination-walk',
      op,
      `${missing.length} item(s) of the full set are never served when walking pages of ${small} (gap)`,
    );
  const extra = a.ids.filter((id) => !full.ids.includes(id));
  if (extra.length > 0)
    ctx.fail('pagination-walk', op, `${extra.length} item(s) served by pages are not in the full set`);
  if (
    missing.length === 0 &&
    extra.length === 0 &&
    dup.length === 0 &&
    a.ids.join('\n') !== full.ids.join('\n')
  ) {
    ctx.fail('pagination-walk', op, 'pages of different sizes give the items in a different order');
  }
  if (a.ids.join('\n') !== b.ids.join('\n'))
    ctx.fail('pagination-walk', op, 'two walks of the same data gave different orders');
  if (a.pageSizes.some((n) => n > small))
    ctx.fail('pagination-walk', op, `a page held more than ${p.limitParam?.name ?? 'limit'}=${small} items`);
  if (a.pageSizes.slice(0, -1).some((n) => n === 0))
    ctx.fail('pagination-walk', op, 'an empty page came with a next cursor');
  const ids = new Set(full.ids);
  // An offset is a raw offset by design: opacity applies to page tokens only.
  for (const c of p.style === 'offset' ? [] : a.cursors) {
    if (/^[0-9]+$/.test(c) || ids.has(c) || [...ids].some((id) => id.length >= 8 && c.includes(id))) {
      ctx.fail('pagination-walk', op, 'cursor is not opaque: it is a raw offset or carries an item id');
      break;
    }
  }
  if (p.limitParam !== undefined) {
    const probes = [min - 1, ...(max !== undefined ? [max + 1] : [])];
    for (const limit of probes) {
      const res = await ctx.send(
        op,
        'stateful pagination-walk',
        toRequest(ctx, op, { path, query: { [p.limitParam.name]: limit }, header: {} }),
      );
      if (res.status < 400 || res.status > 499)
        ctx.fail(
          'pagination-walk',
          op,
          `${p.limitParam.name}=${limit} is out of bounds but was answered ${res.status}, expected 4xx`,
        );
    }
  }
  const bogus = await ctx.send(
    op,
    'stateful pagination-walk',
    toRequest(ctx, op, { path, query: { [p.cursorParam]: 'not-a-cursor' }, header: {} }),
  );
  if (bogus.status < 400 || bogus.status > 499)
    ctx.fail(
      'pagination-walk',
      op,
      `a forged ${p.style === 'offset' ? 'offset' : 'cursor'} (${p.cursorParam}=not-a-cursor) was answered ${bogus.status}, expected 4xx`,
    );
}

export type { Json };
