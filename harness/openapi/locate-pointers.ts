import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { unescapeSegment } from './json-pointer.js';

/** 1-based line and column of a place in a spec file (SARIF §3.30.5, GitHub annotations). */
export interface SourcePosition {
  line: number;
  column: number;
}

function tokens(pointer: string): string[] {
  if (pointer === '' || pointer === '#') return [];
  return pointer.replace(/^#/, '').slice(1).split('/').map(unescapeSegment);
}

/** Line starts of a text, for offset → line/column by binary search. */
function lineIndex(text: string): (offset: number) => SourcePosition {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

/** Offset of the deepest existing node on the pointer's path (a member's key where there is one). */
function locateJson(root: JsonNode, path: string[]): number {
  let node: JsonNode | undefined = root;
  let at = root.offset;
  for (const t of path) {
    if (!node) break;
    if (node.type === 'object') {
      const prop: JsonNode | undefined = node.children?.find((p) => p.children?.[0]?.value === t);
      if (!prop) break;
      at = prop.offset;
      node = prop.children?.[1];
    } else if (node.type === 'array') {
      const item: JsonNode | undefined = node.children?.[Number(t)];
      if (!item || !/^\d+$/.test(t)) break;
      at = item.offset;
      node = item;
    } else break;
  }
  return at;
}

function locateYaml(doc: Document, path: string[]): number {
  let node: unknown = doc.contents;
  let at = (doc.contents as { range?: [number] } | null)?.range?.[0] ?? 0;
  for (const t of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : p.key) === t);
      if (!pair) break;
      at = (pair.key as { range?: [number] } | null)?.range?.[0] ?? at;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = /^\d+$/.test(t) ? node.items[Number(t)] : undefined;
      if (item === undefined) break;
      at = (item as { range?: [number] } | null)?.range?.[0] ?? at;
      node = item;
    } else break;
  }
  return at;
}

/**
 * Where each JSON pointer of a bundled document sits in its source text: the member's key, or the
 * deepest existing ancestor when the pointer names something the file does not hold (a removal).
 * Parsed once per file; only called for output formats that attach findings to lines.
 */
export function locatePointers(text: string, pointers: readonly string[]): Map<string, SourcePosition> {
  const pos = lineIndex(text);
  const out = new Map<string, SourcePosition>();
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const root = parseTree(text);
    if (root) for (const p of pointers) out.set(p, pos(locateJson(root, tokens(p))));
    if (root) return out;
  }
  const doc = parseDocument(text, { uniqueKeys: false, lineCounter: new LineCounter() });
  for (const p of pointers) out.set(p, pos(locateYaml(doc, tokens(p))));
  return out;
}

/** True when the whole pointer exists in the text's document (so it belongs to that file). */
export function hasPointer(doc: unknown, pointer: string): boolean {
  let node = doc;
  for (const t of tokens(pointer)) {
    if (Array.isArray(node)) node = node[Number(t)];
    else if (node !== null && typeof node === 'object' && Object.hasOwn(node, t))
      node = (node as Record<string, unknown>)[t];
    else return false;
  }
  return node !== undefined;
}
