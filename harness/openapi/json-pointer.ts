// RFC 6901 JSON Pointer: `~0` is `~`, `~1` is `/`. In a `$ref` the pointer is a URI fragment,
// so it is percent-decoded first (RFC 6901 §6).

export function escapeSegment(segment: string): string {
  if (!segment.includes('~') && !segment.includes('/')) return segment;
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** `['paths', '/pets']` → `/paths/~1pets` */
export function formatPointer(segments: readonly (string | number)[]): string {
  let out = '';
  for (const s of segments) out += '/' + escapeSegment(String(s));
  return out;
}

/** `/paths/~1pets` → `['paths', '/pets']`; `` → `[]`. Throws on a pointer not starting with `/`. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`not a JSON pointer: ${JSON.stringify(pointer)}`);
  return pointer.slice(1).split('/').map(unescapeSegment);
}

const MISSING = Symbol('missing');

/** Evaluates a pointer on plain JSON; `undefined` when any step is missing (never follows `$ref`). */
export function getAtPointer(doc: unknown, pointer: string): unknown {
  const v = getAt(doc, parsePointer(pointer));
  return v === MISSING ? undefined : v;
}

export function hasPointer(doc: unknown, pointer: string): boolean {
  return getAt(doc, parsePointer(pointer)) !== MISSING;
}

function getAt(doc: unknown, segments: readonly string[]): unknown {
  let node: unknown = doc;
  for (const s of segments) {
    if (Array.isArray(node)) {
      if (!/^(0|[1-9][0-9]*)$/.test(s) || Number(s) >= node.length) return MISSING;
      node = node[Number(s)];
    } else if (node !== null && typeof node === 'object') {
      if (!Object.hasOwn(node, s)) return MISSING;
      node = (node as Record<string, unknown>)[s];
    } else return MISSING;
  }
  return node;
}
