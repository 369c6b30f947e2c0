import { toRequest } from './build-requests.js';
import type { RunContext } from './context.js';
import { isObject } from './pointer.js';
import { nextToken, type Pagination } from './profile.js';
import type { HttpResponse, Operation } from './types.js';

// One page walker for every pagination style (page token, RFC 8288 Link, offset/limit), shared by
// the pagination-walk check and tenant-isolation's list walk.

export const MAX_PAGES = 500;

export interface PageWalk {
  /** Item ids in the order served (`#n:<json>` for an item without an id). */
  ids: string[];
  /** The next tokens (offsets for style offset) the walk followed. */
  cursors: string[];
  pageSizes: number[];
  /** Why the walk could not finish (a non-200 page, no items array, a bad next token, too many pages). */
  failed?: string;
  /** The onPage callback ended the walk. */
  stopped?: boolean;
}

export interface WalkOptions {
  /** Path parameters (a nested list's parent ids). */
  path: Record<string, unknown>;
  /** Page size to ask for (when the list has a size parameter). */
  limit?: number;
  origin: string;
  /** false: the answers are probes, their ids are not filed as this context's resources. */
  file?: boolean;
  /** Sees every answer first (also a non-200 one); false ends the walk. */
  onPage?: (res: HttpResponse) => boolean;
}

function idOf(item: unknown, index: number): string {
  if (isObject(item) && (typeof item.id === 'string' || typeof item.id === 'number')) return String(item.id);
  return `#${index}:${JSON.stringify(item)}`;
}

/**
 * Walks every page of a list operation. Without a pagination convention (`p` undefined) the list is
 * one page. Style offset: the next offset is the offset plus the items served, until a page holds
 * fewer items than asked for (or none).
 */
export async function walkPages(
  ctx: RunContext,
  op: Operation,
  p: Pagination | undefined,
  options: WalkOptions,
): Promise<PageWalk> {
  const out: PageWalk = { ids: [], cursors: [], pageSizes: [] };
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query: Record<string, unknown> = {};
    if (options.limit !== undefined && p?.limitParam) query[p.limitParam.name] = options.limit;
    if (p !== undefined && cursor !== undefined) query[p.cursorParam] = cursor;
    const res = await ctx.send(
      op,
      options.origin,
      toRequest(ctx, op, { path: options.path, query, header: {} }),
      options.file === false ? { file: false } : {},
    );
    if (options.onPage !== undefined && !options.onPage(res)) {
      out.stopped = true;
      return out;
    }
    if (res.status !== 200 || !isObject(res.json)) {
      out.failed = `page ${page + 1} answered ${res.status}`;
      return out;
    }
    if (p === undefined) return out;
    const items = res.json[p.itemsField];
    if (!Array.isArray(items)) {
      out.failed = `page ${page + 1} has no ${p.itemsField} array`;
      return out;
    }
    out.pageSizes.push(items.length);
    items.forEach((it, i) => out.ids.push(idOf(it, out.ids.length + i)));
    let next: string | undefined;
    if (p.style === 'offset') {
      const asked = options.limit !== undefined && p.limitParam !== undefined ? options.limit : undefined;
      const full = asked === undefined ? items.length > 0 : items.length >= asked;
      next = full ? String(Number(cursor ?? 0) + items.length) : undefined;
    } else {
      const t = nextToken(p, res.json, res.headers);
      if (t.problem !== undefined) {
        out.failed = t.problem;
        return out;
      }
      next = t.token;
    }
    if (next === undefined) return out;
    out.cursors.push(next);
    cursor = next;
  }
  out.failed = `more than ${MAX_PAGES} pages`;
  return out;
}
