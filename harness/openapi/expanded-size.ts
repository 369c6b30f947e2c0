/**
 * The size in bytes that a value would have as compact JSON, counting every alias of a shared
 * node or string again (what `JSON.stringify`, the canonical snapshot and the diff all pay for).
 * Shared nodes are measured once (memo), so a small file with many aliases is cheap to measure.
 * Stops early and returns a number above `limit` once the limit is passed.
 */
export function expandedSize(data: unknown, limit: number): number {
  const memo = new Map<object, number>();
  const size = (node: unknown): number => {
    if (typeof node === 'string') return node.length + 2;
    if (node === null || typeof node !== 'object') return String(node).length;
    const known = memo.get(node);
    if (known !== undefined) return known;
    memo.set(node, 0); // an alias of its own ancestor: walkRefs reports that cycle by its pointer
    let n = 2;
    if (Array.isArray(node)) {
      for (const child of node) {
        n += size(child) + 1;
        if (n > limit) break;
      }
    } else {
      for (const [key, child] of Object.entries(node)) {
        n += key.length + 4 + size(child);
        if (n > limit) break;
      }
    }
    memo.set(node, n);
    return n;
  };
  return size(data);
}
