/**
 * Whether `text` is exactly the RFC 8785 (JCS) serialization of `value`, where `value` came from
 * JSON.parse(text): the same answer as `canonicalize(value) === text` (tested against it), minus
 * lone surrogates, which have no JCS form. The verifier asks this once per record.
 */
export function isJcsText(value: unknown, text: string): boolean {
  // Fast path: JSON.stringify writes strings and numbers as JCS does (§3.2.2) and members in
  // property order, so equal text with sorted members is JCS. A \u escape may hide a lone
  // surrogate (which JCS refuses), and integer-like names are not in text order: walk those.
  if (JSON.stringify(value) === text && !text.includes('\\u')) return membersSorted(value);
  return walk(value, text, 0) === text.length;
}

/** Whether every object's members are in JCS order (§3.2.3: by UTF-16 code units). */
function membersSorted(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return true;
  if (Array.isArray(v)) return v.every(membersSorted);
  const o = v as Record<string, unknown>;
  let last: string | undefined;
  for (const k in o) {
    if (last !== undefined && last >= k) return false;
    if (!membersSorted(o[k])) return false;
    last = k;
  }
  return true;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;

/** The position after `v`'s JCS form if `t` holds it at `p`, else -1. */
function walk(v: unknown, t: string, p: number): number {
  if (v === null) return t.startsWith('null', p) ? p + 4 : -1;
  switch (typeof v) {
    case 'string':
      return matchString(v, t, p);
    case 'number': {
      // §3.2.2.3: ECMAScript Number::toString; ±Infinity and NaN are not JSON.
      if (!Number.isFinite(v)) return -1;
      const s = String(v);
      return t.startsWith(s, p) ? p + s.length : -1;
    }
    case 'boolean':
      return v ? (t.startsWith('true', p) ? p + 4 : -1) : t.startsWith('false', p) ? p + 5 : -1;
    case 'object':
      break;
    default:
      return -1;
  }
  if (Array.isArray(v)) {
    if (t.charCodeAt(p) !== 0x5b) return -1;
    p++;
    for (let i = 0; i < v.length; i++) {
      if (i > 0) {
        if (t.charCodeAt(p) !== COMMA) return -1;
        p++;
      }
      p = walk(v[i], t, p);
      if (p < 0) return -1;
    }
    return t.charCodeAt(p) === 0x5d ? p + 1 : -1;
  }
  const o = v as Record<string, unknown>;
  let keys = Object.keys(o);
  // §3.2.3: members sorted by UTF-16 code units (what `<` and the default sort compare). Object.keys
  // lists integer-like names first, so sort unless the order is already right.
  for (let i = 1; i < keys.length; i++) {
    if ((keys[i - 1] as string) > (keys[i] as string)) {
      keys = [...keys].sort();
      break;
    }
  }
  if (t.charCodeAt(p) !== 0x7b) return -1;
  p++;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    if (i > 0) {
      if (t.charCodeAt(p) !== COMMA) return -1;
      p++;
    }
    p = matchString(k, t, p);
    if (p < 0 || t.charCodeAt(p) !== COLON) return -1;
    p = walk(o[k], t, p + 1);
    if (p < 0) return -1;
  }
  return t.charCodeAt(p) === 0x7d ? p + 1 : -1;
}

function matchString(s: string, t: string, p: number): number {
  if (t.charCodeAt(p) !== QUOTE) return -1;
  const base = p + 1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === QUOTE || c === BACKSLASH || (c >= 0xd800 && c <= 0xdfff)) {
      // Escapes (§3.2.2.2) or surrogates: compare with the full serialization. A lone surrogate
      // has no JCS form at all.
      if (!(s as unknown as { isWellFormed(): boolean }).isWellFormed()) return -1;
      const j = JSON.stringify(s);
      return t.startsWith(j, p) ? p + j.length : -1;
    }
    // A character JCS writes verbatim: the text must hold it here.
    if (t.charCodeAt(base + i) !== c) return -1;
  }
  return t.charCodeAt(base + s.length) === QUOTE ? base + s.length + 1 : -1;
}
