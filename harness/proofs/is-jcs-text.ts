/**
 * Whether `text` is exactly the RFC 8785 (JCS) serialization of `value`, where `value` came from
 * JSON.parse(text): the same answer as `canonicalize(value) === text` (tested against it), minus
 * lone surrogates, which have no JCS form. The verifier asks this once per record, so it never
 * builds a second string.
 */
export function isJcsText(value: unknown, text: string): boolean {
  // Without a backslash no string in the text is escaped, so none holds '"', '\' or a control
  // character (JSON forbids them raw) and every string is already in its JCS form (§3.2.2.2):
  // what is left to check needs the text alone.
  if (text.indexOf('\\') < 0) {
    return (text as unknown as { isWellFormed(): boolean }).isWellFormed() && scanUnescaped(text);
  }
  return walk(value, text, 0) === text.length;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const NO_MEMBER = -1;
const IN_ARRAY = -2;

// Per open object, where its previous member name lies in t (NO_MEMBER before the first), by
// nesting depth. Shared by every call (the scan is not re-entrant): no arrays per record.
const nameStart: number[] = [];
const nameEnd: number[] = [];

/**
 * JCS checks for valid JSON without escapes, in one pass over the text: no whitespace between
 * tokens, numbers in their ECMAScript form (§3.2.2.3), member names strictly ascending by UTF-16
 * code units (§3.2.3; which also rules out duplicates).
 */
function scanUnescaped(t: string): boolean {
  let depth = 0;
  const n = t.length;
  let i = 0;
  while (i < n) {
    const c = t.charCodeAt(i);
    if (c === QUOTE) {
      const close = t.indexOf('"', i + 1); // no escapes: the next quote closes the string
      if (t.charCodeAt(close + 1) === COLON) {
        const d = depth - 1;
        const prev = nameStart[d] as number;
        if (prev >= 0 && compareSpans(t, prev, nameEnd[d] as number, i + 1, close) >= 0) return false;
        nameStart[d] = i + 1;
        nameEnd[d] = close;
      }
      i = close + 1;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let j = i + 1;
      while (j < n && isNumberChar(t.charCodeAt(j))) j++;
      // A plain integer of at most 15 digits (no leading zero, not -0) is its own ECMAScript form;
      // anything else is compared through Number (no strings made for seq and iat).
      if (!isShortInteger(t, i, j)) {
        const token = t.slice(i, j);
        if (String(Number(token)) !== token) return false;
      }
      i = j;
    } else if (c === 0x7b || c === 0x5b) {
      nameStart[depth] = c === 0x7b ? NO_MEMBER : IN_ARRAY;
      nameEnd[depth] = 0;
      depth++;
      i++;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
      i++;
    } else if (c === COMMA || c === COLON) {
      i++;
    } else if (c === 0x74 || c === 0x6e) {
      i += 4; // true, null
    } else if (c === 0x66) {
      i += 5; // false
    } else {
      return false; // whitespace
    }
  }
  return true;
}

function isShortInteger(t: string, i: number, j: number): boolean {
  const d = t.charCodeAt(i) === 0x2d ? i + 1 : i;
  const len = j - d;
  if (len < 1 || len > 15) return false;
  const first = t.charCodeAt(d);
  if (first === 0x30 && (len > 1 || d > i)) return false; // 01, -0
  for (let k = d; k < j; k++) {
    const c = t.charCodeAt(k);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

const isNumberChar = (c: number) =>
  (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d;

/** Compares t[a0, a1) with t[b0, b1) by UTF-16 code units. */
function compareSpans(t: string, a0: number, a1: number, b0: number, b1: number): number {
  const m = Math.min(a1 - a0, b1 - b0);
  for (let k = 0; k < m; k++) {
    const d = t.charCodeAt(a0 + k) - t.charCodeAt(b0 + k);
    if (d !== 0) return d;
  }
  return a1 - a0 - (b1 - b0);
}

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
