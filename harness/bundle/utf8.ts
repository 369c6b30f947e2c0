import { isUtf8 } from 'node:buffer';
import { firstInvalidByte } from '../openapi/decode-utf8.js';
import { bundleError } from './read-lines.js';

/**
 * Offset (from `start`) of the first byte that does not begin a well-formed UTF-8 sequence in
 * buf[start, end) (Unicode Table 3-7: no overlongs, no surrogates, nothing past U+10FFFF, no
 * truncated sequence), or -1 when all of it is well-formed.
 */
export function invalidUtf8Offset(buf: Uint8Array, start = 0, end = buf.length): number {
  const part = buf.subarray(start, end);
  if (isUtf8(part)) return -1;
  const at = firstInvalidByte(part);
  return at === part.length ? -1 : at;
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
