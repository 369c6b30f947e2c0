import { InputError } from '../errors/index.js';

// fatal: an invalid byte is an error, never U+FFFD (two specs differing only in invalid bytes
// would otherwise compare equal). ignoreBOM: a BOM is kept, so text → bytes stays byte-exact.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes bytes as strict UTF-8 (WHATWG, fatal). On an invalid sequence throws an InputError with
 * `code` naming the file, the byte offset and the line of the first bad byte.
 */
export function decodeUtf8(
  bytes: Uint8Array,
  file: string,
  code: 'ERR_SPEC_PARSE' | 'ERR_INPUT' | 'ERR_EXCEPTIONS' | 'ERR_RELEASE' = 'ERR_SPEC_PARSE',
): string {
  try {
    return decoder.decode(bytes);
  } catch {
    const offset = firstInvalidByte(bytes);
    let line = 1;
    for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
    const hex = (bytes[offset] ?? 0).toString(16).padStart(2, '0');
    throw new InputError(
      code,
      `not valid UTF-8: byte 0x${hex} at byte offset ${offset} (line ${line}) starts no well-formed UTF-8 character`,
      { file, hint: 'save the file as UTF-8; proofgate never replaces invalid bytes' },
    );
  }
}

/** Offset where the first ill-formed UTF-8 sequence starts (Unicode table 3-7), or the length. */
export function firstInvalidByte(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c === 0xe0) lo = 0xa0; // no overlongs
      if (c === 0xed) hi = 0x9f; // no surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f; // nothing above U+10FFFF
    } else return i;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n + 1;
  }
  return b.length;
}
