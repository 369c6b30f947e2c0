import { InputError } from '../errors/index.js';

/**
 * How deep a document may nest (objects and arrays, counted as JSON levels). The deepest spec in
 * the corpora (Stripe) nests 23 levels; past a few hundred, recursive consumers (the YAML parser,
 * openapi-typescript, the diff) run out of stack, so the loader refuses the document first.
 */
export const MAX_DEPTH = 256;

/**
 * An upper bound of how deep YAML text nests, found before the YAML parser (which recurses and
 * overflows the stack near 800 levels) sees it: open indentation levels + compact `- ` entries on
 * the line + open flow brackets outside quotes and comments. Returns the 1-based line where the
 * bound first passes `limit`, or undefined.
 */
export function yamlTooDeep(text: string, limit = MAX_DEPTH): number | undefined {
  const indents: number[] = [];
  let flow = 0;
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    // Start of a line: its indentation closes deeper levels and may open one.
    let col = 0;
    while (i < n && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) {
      i++;
      col++;
    }
    const c0 = text.charCodeAt(i);
    const blank = i >= n || c0 === 0x0a || c0 === 0x0d || c0 === 0x23; /* # */
    if (!blank && flow === 0) {
      while (indents.length && indents[indents.length - 1]! > col) indents.pop();
      if (!indents.length || indents[indents.length - 1]! < col) indents.push(col);
    }
    let dashes = 0;
    while (
      i + 1 < n &&
      (text.charCodeAt(i) === 0x2d /* - */ || text.charCodeAt(i) === 0x3f) /* ? */ &&
      (text.charCodeAt(i + 1) === 0x20 || text.charCodeAt(i + 1) === 0x09)
    ) {
      dashes++;
      i += 2;
      while (i < n && text.charCodeAt(i) === 0x20) i++;
    }
    if (indents.length + dashes + flow > limit) return line;
    // The rest of the line: brackets, quotes (which may span lines) and comments.
    let prev = 0x20;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x0a) break;
      const boundary = prev === 0x20 || prev === 0x09 || prev === 0x5b || prev === 0x7b || prev === 0x2c;
      if (c === 0x23 /* # */ && (prev === 0x20 || prev === 0x09)) {
        while (i < n && text.charCodeAt(i) !== 0x0a) i++;
        break;
      }
      if ((c === 0x22 || c === 0x27) && boundary) {
        // A quoted scalar: skip to its end (\" escapes in double quotes, '' in single quotes).
        i++;
        while (i < n) {
          const d = text.charCodeAt(i);
          if (d === 0x0a) line++;
          if (c === 0x22 && d === 0x5c) i += 2;
          else if (d === c && c === 0x27 && text.charCodeAt(i + 1) === 0x27) i += 2;
          else if (d === c) break;
          else i++;
        }
      } else if (c === 0x5b || c === 0x7b) {
        flow++;
        if (indents.length + dashes + flow > limit) return line;
      } else if ((c === 0x5d || c === 0x7d) && flow > 0) flow--;
      prev = c;
      i++;
    }
    i++;
    line++;
  }
  return undefined;
}

/**
 * Runs a recursive consumer of a loaded spec (type generation, the diff) and turns a stack
 * overflow into a clear input error (exit 2) instead of "internal error": a spec can be shallow
 * as a tree yet nest deeply through long `$ref` chains.
 */
export async function stackGuard<T>(file: string, what: string, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      throw new InputError('ERR_SPEC_TOO_LARGE', `nests too deeply for ${what} (the stack ran out)`, {
        file,
        hint: 'a chain of schemas each nesting the next through $ref is too long; shorten or flatten it',
        cause: e,
      });
    }
    throw e;
  }
}
