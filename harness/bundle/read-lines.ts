import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { InputError } from '../errors/index.js';

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
 * last one too; a missing final newline, "\r", or an overlong line is ERR_BUNDLE with file:line.
 * `first` is the 1-based number of the first line in the batch.
 */
export async function* readLineBatches(file: string): AsyncGenerator<{ first: number; lines: string[] }> {
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let lineNo = 1;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const text = carry + decoder.write(chunk);
      const parts = text.split('\n');
      carry = parts.pop() ?? '';
      if (carry.length > MAX_LINE_BYTES) {
        throw bundleError(file, lineNo + parts.length, `line longer than ${MAX_LINE_BYTES} bytes`);
      }
      for (let i = 0; i < parts.length; i++) {
        if (parts[i]!.length > MAX_LINE_BYTES) {
          throw bundleError(file, lineNo + i, `line longer than ${MAX_LINE_BYTES} bytes`);
        }
      }
      if (parts.length > 0) {
        yield { first: lineNo, lines: parts };
        lineNo += parts.length;
      }
    }
  } catch (e) {
    throw readFailure(file, e);
  } finally {
    stream.destroy();
  }
  carry += decoder.end();
  if (carry.length > 0) throw bundleError(file, lineNo, 'last line does not end with "\\n"');
}
