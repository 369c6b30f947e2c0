import { structuralDiff } from './diff/index.js';
import { judgeDeltas } from './rules/index.js';
import type { Change, ChangeClass, DiffOptions, OpenApiDocument } from './types.js';

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Sort by path, method, pointer, id, message; drop exact duplicates (same finding reached twice). */
function order(changes: Change[]): Change[] {
  changes.sort(
    (a, b) =>
      cmp(a.path, b.path) ||
      cmp(a.method, b.method) ||
      cmp(a.pointer, b.pointer) ||
      cmp(a.id, b.id) ||
      cmp(a.message, b.message),
  );
  return changes.filter((c, i) => {
    const p = changes[i - 1];
    return (
      !p ||
      p.path !== c.path ||
      p.method !== c.method ||
      p.pointer !== c.pointer ||
      p.id !== c.id ||
      p.message !== c.message
    );
  });
}

/**
 * Every difference between two OpenAPI 3.0/3.1 documents, judged by the rules. Deterministic:
 * the same documents give the same list, in the same order, whatever their key order.
 */
export function diffSpecs(
  base: OpenApiDocument,
  candidate: OpenApiDocument,
  options: DiffOptions = {},
): Change[] {
  if (options.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.date)) {
    throw new TypeError(`diffSpecs: options.date must be YYYY-MM-DD, got ${JSON.stringify(options.date)}`);
  }
  return order(judgeDeltas(structuralDiff(base, candidate), options));
}

/** any breaking → breaking; else any additive → additive; else non-breaking. */
export function verdictOf(changes: readonly Change[]): ChangeClass {
  let additive = false;
  for (const c of changes) {
    if (c.class === 'breaking') return 'breaking';
    if (c.class === 'additive') additive = true;
  }
  return additive ? 'additive' : 'non-breaking';
}
