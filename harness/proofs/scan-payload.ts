/**
 * One pass over a decoded JWS payload's bytes that checks what the full path checks with
 * `JSON.parse` (+ `isJcsText` or `findDuplicateMember`) and finds the top-level members the
 * record checks read, without making a string or an object. It only ever answers "this payload
 * is plain": printable ASCII, no escapes, no whitespace, nesting ≤ 64, every object ≤ 64
 * members; anything else (and anything invalid) is `false`, and the caller then takes the full
 * path, which decides — and words — every verdict. So a `true` is a claim the property tests
 * check: the full path parses the same text to the same members.
 */

/** Kinds of a found top-level value (`ABSENT` when the member is not there). */
export const ABSENT = 0;
export const STRING = 1;
export const NUMBER = 2;
export const OBJECT = 3;
export const OTHER = 4;

/**
 * The members to find and where they were found. For a string the span is its contents (without
 * quotes); for anything else the whole token.
 */
export class PayloadFields {
  readonly names: Uint8Array[];
  readonly kind: Uint8Array;
  readonly start: Int32Array;
  readonly end: Int32Array;

  constructor(names: readonly string[]) {
    this.names = names.map((n) => Buffer.from(n, 'utf8'));
    this.kind = new Uint8Array(names.length);
    this.start = new Int32Array(names.length);
    this.end = new Int32Array(names.length);
  }
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
const MAX_DEPTH = 64;
const MAX_MEMBERS = 64;

// Scanner state, shared by every call (not re-entrant; one scan per thread at a time).
let B: Uint8Array = new Uint8Array(0);
let END = 0;
let JCS = false;
let depth = 0;
// Member names of the open objects: a stack of [start, end) spans, `base[d]` where depth d's begin.
const nameStart = new Int32Array(MAX_DEPTH * MAX_MEMBERS);
const nameEnd = new Int32Array(MAX_DEPTH * MAX_MEMBERS);
let names = 0;

/**
 * Whether `bytes[start, end)` is a plain JSON object text (and, for `jcs`, exactly its RFC 8785
 * form; otherwise free of duplicate member names anywhere). On `true`, `fields` holds where each
 * wanted top-level member's value is. On `false`, nothing is known: take the full path.
 */
export function scanPayload(
  bytes: Uint8Array,
  start: number,
  end: number,
  jcs: boolean,
  fields: PayloadFields,
): boolean {
  B = bytes;
  END = end;
  JCS = jcs;
  depth = 0;
  names = 0;
  fields.kind.fill(ABSENT);
  if (start >= end || bytes[start] !== 0x7b) return false;
  const p = object(start, fields);
  B = EMPTY;
  return p === end;
}

const EMPTY = new Uint8Array(0);

/** The value at p; returns the position after it, or -1. */
function value(p: number): number {
  if (p >= END) return -1;
  const c = B[p] as number;
  if (c === QUOTE) return string(p);
  if (c === 0x7b) return object(p, undefined);
  if (c === 0x5b) return array(p);
  if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return number(p);
  if (c === 0x74) return literal(p, TRUE);
  if (c === 0x66) return literal(p, FALSE);
  if (c === 0x6e) return literal(p, NULL);
  return -1;
}

const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');
const NULL = Buffer.from('null');

function literal(p: number, word: Uint8Array): number {
  if (p + word.length > END) return -1;
  for (let k = 0; k < word.length; k++) if (B[p + k] !== word[k]) return -1;
  return p + word.length;
}

// What each byte is inside a string: 0 an ordinary printable ASCII character, 1 the closing quote,
// 2 anything a plain string does not hold (a control character, a backslash, a non-ASCII byte).
const IN_STRING = new Uint8Array(256).fill(2);
for (let c = 0x20; c <= 0x7e; c++) IN_STRING[c] = 0;
IN_STRING[QUOTE] = 1;
IN_STRING[0x5c] = 2;

/** A string at p (p at the opening quote): printable ASCII without escapes. */
function string(p: number): number {
  const b = B; // locals: the loop then reads no module state
  const end = END;
  for (let i = p + 1; i < end; i++) {
    const k = IN_STRING[b[i] as number] as number;
    if (k !== 0) return k === 1 ? i + 1 : -1;
  }
  return -1;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** RFC 8259 number grammar; under JCS also its ECMAScript form (§3.2.2.3). */
function number(p: number): number {
  const B_ = B; // locals: the loops then read no module state
  const END_ = END;
  let i = p;
  if (B_[i] === 0x2d) i++;
  if (i >= END_ || !isDigit(B_[i] as number)) return -1;
  if (B_[i] === 0x30) i++;
  else while (i < END_ && isDigit(B_[i] as number)) i++;
  let plain = true;
  if (i < END_ && B_[i] === 0x2e) {
    plain = false;
    i++;
    if (i >= END_ || !isDigit(B_[i] as number)) return -1;
    while (i < END_ && isDigit(B_[i] as number)) i++;
  }
  if (i < END_ && (B_[i] === 0x65 || B_[i] === 0x45)) {
    plain = false;
    i++;
    if (i < END_ && (B_[i] === 0x2b || B_[i] === 0x2d)) i++;
    if (i >= END_ || !isDigit(B_[i] as number)) return -1;
    while (i < END_ && isDigit(B_[i] as number)) i++;
  }
  if (JCS) {
    const neg = B_[p] === 0x2d ? 1 : 0;
    const digits = i - p - neg;
    // A plain integer of at most 15 digits, not -0, is its own ECMAScript form; else ask Number.
    if (!plain || digits > 15 || (neg === 1 && B_[p + 1] === 0x30)) {
      const token = Buffer.from(B_.buffer, B_.byteOffset + p, i - p).toString('latin1');
      if (String(Number(token)) !== token) return -1;
    }
  }
  return i;
}

function array(p: number): number {
  if (++depth > MAX_DEPTH) return -1;
  let i = p + 1;
  if (i < END && B[i] === 0x5d) {
    depth--;
    return i + 1;
  }
  for (;;) {
    i = value(i);
    if (i < 0 || i >= END) return -1;
    const c = B[i];
    if (c === 0x5d) {
      depth--;
      return i + 1;
    }
    if (c !== COMMA) return -1;
    i++;
  }
}

/** Compares B[a0, a1) with B[b0, b1) bytewise (ASCII: the same order as UTF-16 code units). */
function compareSpans(a0: number, a1: number, b0: number, b1: number): number {
  const b = B;
  const m = Math.min(a1 - a0, b1 - b0);
  for (let k = 0; k < m; k++) {
    const d = (b[a0 + k] as number) - (b[b0 + k] as number);
    if (d !== 0) return d;
  }
  return a1 - a0 - (b1 - b0);
}

function equalsName(s: number, e: number, name: Uint8Array): boolean {
  if (e - s !== name.length) return false;
  const b = B;
  for (let k = 0; k < name.length; k++) if (b[s + k] !== name[k]) return false;
  return true;
}

/** An object at p; at the top level (`fields` given) records where the wanted members are. */
function object(p: number, fields: PayloadFields | undefined): number {
  const B_ = B; // locals: what the member loop reads is not module state
  const END_ = END;
  const JCS_ = JCS;
  if (++depth > MAX_DEPTH) return -1;
  const base = names;
  let i = p + 1;
  if (i < END_ && B_[i] === 0x7d) {
    depth--;
    return i + 1;
  }
  for (;;) {
    if (i >= END_ || B_[i] !== QUOTE) return -1;
    const close = string(i);
    if (close < 0 || close >= END_ || B_[close] !== COLON) return -1;
    const ns = i + 1;
    const ne = close - 1;
    if (JCS_) {
      // §3.2.3: names strictly ascending (which also rules out duplicates).
      if (
        names > base &&
        compareSpans(nameStart[names - 1] as number, nameEnd[names - 1] as number, ns, ne) >= 0
      )
        return -1;
    } else {
      for (let k = base; k < names; k++)
        if (compareSpans(nameStart[k] as number, nameEnd[k] as number, ns, ne) === 0) return -1;
    }
    if (names - base >= MAX_MEMBERS) return -1;
    nameStart[names] = ns;
    nameEnd[names] = ne;
    names++;
    const vs = close + 1;
    const ve = value(vs);
    if (ve < 0 || ve >= END_) return -1;
    if (fields !== undefined) {
      for (let f = 0; f < fields.names.length; f++) {
        if (!equalsName(ns, ne, fields.names[f] as Uint8Array)) continue;
        const c = B_[vs] as number;
        const kind = c === QUOTE ? STRING : c === 0x7b ? OBJECT : c === 0x2d || isDigit(c) ? NUMBER : OTHER;
        fields.kind[f] = kind;
        fields.start[f] = kind === STRING ? vs + 1 : vs;
        fields.end[f] = kind === STRING ? ve - 1 : ve;
      }
    }
    const c = B_[ve];
    if (c === 0x7d) {
      names = base;
      depth--;
      return ve + 1;
    }
    if (c !== COMMA) return -1;
    i = ve + 1;
  }
}

/**
 * The value of a found NUMBER member when it is a plain non-negative integer of at most 15 digits
 * (always a safe integer, as JSON.parse would read it); -1 for anything else (fraction, exponent,
 * sign, longer): the caller then takes the full path.
 */
export function plainInteger(bytes: Uint8Array, start: number, end: number): number {
  const len = end - start;
  if (len < 1 || len > 15 || (bytes[start] === 0x30 && len > 1)) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = bytes[i] as number;
    if (c < 0x30 || c > 0x39) return -1;
    n = n * 10 + (c - 0x30);
  }
  return n;
}

/** Whether bytes[start, end) is 64 lowercase hex digits. */
export function isLowerHex64Bytes(bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start !== 64) return false;
  for (let i = start; i < end; i++) {
    const c = bytes[i] as number;
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}
