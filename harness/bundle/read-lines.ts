import { createReadStream } from 'node:fs';
import { InputError } from '../errors/index.js';
import { decodeUtf8 } from './utf8.js';

/** A JSONL line longer than this is refused rather than buffered (records are a few KB). */
export const MAX_LINE_BYTES = 1 << 20;

export function bundleError(
  file: string,
  line: number | undefined,
  message: string,
  hint?: string,
): InputError {
  return new InputError('ERR_BUNDLE', message, {
    file: line === undefined ? file : `${file}:${line}`,
    hint: hint ?? 'the bundle is malformed; re-export it with `proofgate export` or regenerate it',
  });
}

/** A failure while streaming `file`: our own ERR_BUNDLE as is, an I/O error as ERR_BUNDLE. */
export function readFailure(file: string, e: unknown): InputError {
  if (e instanceof InputError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  return bundleError(file, undefined, code === 'ENOENT' ? 'file is missing' : `cannot read: ${String(e)}`);
}

/**
 * Streams a JSONL file in arrays of lines (never the whole file): lines end with "\n" only, the
 * last one too; a missing final newline, "\r", an overlong line or invalid UTF-8 (with its byte
 * offset) is ERR_BUNDLE with file:line. `first` is the 1-based number of the first line in the batch.
 */
export async function* readLineBatches(file: string): AsyncGenerator<{ first: number; lines: string[] }> {
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  let carry: Buffer | undefined;
  let lineNo = 1;
  let bufOffset = 0; // file offset of buf[0]
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      // "\n" (0x0a) never occurs inside a multi-byte UTF-8 sequence: splitting bytes is safe.
      const buf = carry === undefined ? chunk : Buffer.concat([carry, chunk]);
      const lines: string[] = [];
      let at = 0;
      for (let nl = buf.indexOf(0x0a); nl >= 0; nl = buf.indexOf(0x0a, at)) {
        if (nl - at > MAX_LINE_BYTES) {
          throw bundleError(file, lineNo + lines.length, `line longer than ${MAX_LINE_BYTES} bytes`);
        }
        lines.push(
          decodeUtf8(buf, at, nl, { file, line: lineNo + lines.length, fileOffset: bufOffset + at }),
        );
        at = nl + 1;
      }
      carry = at === buf.length ? undefined : buf.subarray(at);
      bufOffset += at;
      if (carry !== undefined && carry.length > MAX_LINE_BYTES) {
        throw bundleError(file, lineNo + lines.length, `line longer than ${MAX_LINE_BYTES} bytes`);
      }
      if (lines.length > 0) {
        yield { first: lineNo, lines };
        lineNo += lines.length;
      }
    }
  } catch (e) {
    throw readFailure(file, e);
  } finally {
    stream.destroy();
  }
  if (carry !== undefined) throw bundleError(file, lineNo, 'last line does not end with "\\n"');
}
