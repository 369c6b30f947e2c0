import { InputError } from '../errors/index.js';

/**
 * YAML aliases make one object reachable from several places. Consumers expect a tree, so shared
 * nodes are copied — but only after counting what the copy would hold, with a budget of what a
 * `maxBytes` JSON file could hold (≈ 2 bytes per value), so aliases cannot inflate a small file.
 */
export function unshare(data: unknown, file: string, maxBytes: number): unknown {
  const budget = Math.max(1, Math.floor(maxBytes / 2));
  const memo = new Map<object, number>();
  const size = (node: unknown): number => {
    if (node === null || typeof node !== 'object') return 1;
    const known = memo.get(node);
    if (known !== undefined) return known;
    let n = 1;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      n += size(child);
      if (n > budget) break;
    }
    memo.set(node, n);
    return n;
  };
  const total = size(data);
  if (total > budget) {
    throw new InputError(
      'ERR_SPEC_ALIAS_BOMB',
      `YAML aliases expand to more than ${budget} values, more than a ${maxBytes}-byte document can hold`,
      { file, pointer: '', hint: 'remove the anchors/aliases that repeat large subtrees' },
    );
  }
  return JSON.parse(JSON.stringify(data)) as unknown;
}
