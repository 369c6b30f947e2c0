import { UsageError } from '../errors/index.js';

/** `--shard K/N` → index K (0-based) of N. */
export function parseShard(value: string | undefined): { index: number; count: number } {
  if (value === undefined) return { index: 0, count: 1 };
  const m = /^(0|[1-9][0-9]*)\/([1-9][0-9]*)$/.exec(value);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || index >= count) {
    throw new UsageError(`--shard takes K/N with 0 <= K < N (e.g. 0/4), not ${JSON.stringify(value)}`);
  }
  return { index, count };
}

/** Disjoint, contiguous seq ranges that cover [0, extent) exactly. */
export function shardRange(extent: number, index: number, count: number): { begin: number; end: number } {
  return { begin: Math.floor((extent * index) / count), end: Math.floor((extent * (index + 1)) / count) };
}
