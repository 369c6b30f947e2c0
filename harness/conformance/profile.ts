import type { RunContext } from './context.js';
import { kindsInResponse, resourceKinds } from './conventions/resource-kinds.js';
import type { Operation, Parameter } from './types.js';

// What the stateful checks need to know about a list operation, from the conventions (inferred from
// the contract or configured): the page token parameter, the items member, where the next token is
// (a body member, or an RFC 8288 `Link: <…>; rel="next"` header), and the page size parameter.

export interface Pagination {
  op: Operation;
  style: 'token' | 'link' | 'offset';
  /** The page token / cursor parameter, or the offset parameter (style offset). */
  cursorParam: string;
  limitParam?: Parameter;
  itemsField: string;
  /** Body member with the next token (style token). */
  nextField?: string;
}

export function paginationOf(ctx: RunContext, op: Operation): Pagination | undefined {
  const c = ctx.conventions.pagination.find((p) => p.operationId === op.operationId);
  if (c === undefined) return undefined;
  const limitParam = op.parameters.find((p) => p.in === 'query' && p.name === c.limitParam);
  return {
    op,
    style: c.style,
    cursorParam: c.tokenParam,
    itemsField: c.itemsField,
    ...(c.nextField !== undefined ? { nextField: c.nextField } : {}),
    ...(limitParam !== undefined ? { limitParam } : {}),
  };
}

/** The next page token: the body member, or the `rel="next"` target's token parameter (RFC 8288). */
export function nextToken(
  p: Pagination,
  json: unknown,
  headers: Record<string, string>,
): { token?: string; problem?: string } {
  if (p.style === 'link') {
    const link = headers.link ?? '';
    const m = /<([^>]*)>\s*;[^,]*rel="?next"?/i.exec(link);
    if (m === null) return {};
    try {
      const token = new URL(m[1]!, 'http://x').searchParams.get(p.cursorParam);
      return token === null ? { problem: `Link rel="next" carries no ${p.cursorParam}` } : { token };
    } catch {
      return { problem: 'Link rel="next" is not a URI reference' };
    }
  }
  const next =
    json !== null && typeof json === 'object' ? (json as Record<string, unknown>)[p.nextField!] : undefined;
  if (next === null || next === undefined || next === '') return {};
  if (typeof next !== 'string') return { problem: `${p.nextField} is not a string` };
  return { token: next };
}

export function signatureHeaders(ctx: RunContext): string[] {
  return ctx.conventions.signature === undefined ? [] : [ctx.conventions.signature.header];
}

/** The create operation whose answer is this list's item kind (for nested lists too). */
export function createFor(
  ctx: RunContext,
  ops: readonly Operation[],
  list: Operation,
): Operation | undefined {
  const items = kindsInResponse(ctx.doc, list, 200);
  const kind = items?.items !== undefined ? items.kind : undefined;
  const byKind = kind === undefined ? undefined : resourceKinds(ctx.doc, ops).get(kind);
  return (
    byKind ?? ops.find((o) => o.method === 'post' && o.path === list.path && o.requestBody !== undefined)
  );
}
