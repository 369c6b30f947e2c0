import { isUtf8 } from 'node:buffer';
import { bundleError } from './read-lines.js';

/**
 * Offset (from `start`) of the first byte that does not begin a well-formed UTF-8 sequence in
 * buf[start, end) (Unicode Table 3-7: no overlongs, no surrogates, nothing past U+10FFFF, no
 * truncated sequence), or -1 when all of it is well-formed.
 */
export function invalidUtf8Offset(buf: Uint8Array, start = 0, end = buf.length): number {
  if (isUtf8(buf.subarray(start, end))) return -1;
  let p = start;
  while (p < end) {
    const b = buf[p]!;
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b < 0x80) n = 0;
    else if (b >= 0xc2 && b <= 0xdf) n = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      n = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      n = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return p - start;
    if (p + n >= end && n > 0) return p - start;
    for (let k = 1; k <= n; k++) {
      const c = buf[p + k]!;
      if (c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return p - start;
    }
    p += n + 1;
  }
  return -1;
}

/**
 * buf[start, end) as a string, refusing invalid UTF-8 (ERR_BUNDLE naming the file, line and the
 * byte offset in the file) instead of silently turning it into U+FFFD: a replaced byte changes
 * what is stored and exported, so export would no longer be byte-identical.
 */
export function decodeUtf8(
  buf: Buffer,
  start: number,
  end: number,
  where: { file: string; line?: number | undefined; fileOffset: number },
): string {
  const bad = invalidUtf8Offset(buf, start, end);
  if (bad >= 0) {
    const byte = buf[start + bad]!.toString(16).padStart(2, '0');
    throw bundleError(
      where.file,
      where.line,
      `invalid UTF-8 at byte offset ${where.fileOffset + bad} (byte 0x${byte})`,
      'a bundle is UTF-8 text; the file was damaged or written in another encoding — restore it from its source (proofgate export) instead of repairing it by hand',
    );
  }
  return buf.toString('utf8', start, end);
}
