import { createReadStream } from 'node:fs';
import { parseRecordLine } from './parse-lines.js';
import { MAX_LINE_BYTES, bundleError, readFailure } from './read-lines.js';
import type { RecordBytes } from './types.js';
import { decodeUtf8 } from './utf8.js';

const NEWLINE = 0x0a;
const PREFIX = Buffer.from('{"seq":', 'latin1');
const MIDDLE = Buffer.from(',"jws":"', 'latin1');
const QUOTE = 0x22;
const BRACE = 0x7d;

// The bytes a compact JWS is made of (base64url and the dots): nothing JSON would escape.
const JWS_BYTE = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.')
  JWS_BYTE[c.charCodeAt(0)] = 1;
// The same for two bytes at once, indexed by a little- or big-endian 16-bit read alike (the
// table is symmetric in what it accepts): half the lookups on the main thread's hot loop.
const JWS_PAIR = new Uint8Array(65536);
for (let a = 0; a < 256; a++)
  for (let b = 0; b < 256; b++) JWS_PAIR[a | (b << 8)] = (JWS_BYTE[a] as number) & (JWS_BYTE[b] as number);

/** Whether buf[start, end) holds only JWS bytes; `pairs` is buf as 16-bit units when buf's offset is even. */
function jwsBytesOnly(buf: Buffer, pairs: Uint16Array | undefined, start: number, end: number): boolean {
  let p = start;
  if (pairs !== undefined) {
    if (p & 1) {
      if (JWS_BYTE[buf[p]!] === 0) return false;
      p++;
    }
    const last = end & ~1;
    for (let q = p >> 1; q < last >> 1; q++) if (JWS_PAIR[pairs[q]!] === 0) return false;
    p = Math.max(p, last);
  }
  for (; p < end; p++) if (JWS_BYTE[buf[p]!] === 0) return false;
  return true;
}

/**
 * records.jsonl as RecordBytes, one batch per read chunk, with the same rules and errors as
 * `parseRecordLine` (file:line): a line that is exactly `{"seq":N,"jws":"<base64url and dots>"}`
 * is taken at the byte level; any other line goes through `parseRecordLine`, which either refuses
 * it or returns its record (then handed on as that JWS's UTF-8 bytes, in a batch of its own).
 */
export async function* readRecordBytes(file: string): AsyncGenerator<RecordBytes> {
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  let carry: Buffer | undefined;
  let lineNo = 1;
  // File offset of buf[0], for invalid UTF-8 messages.
  let bufOffset = 0;
  const seqOut = { seq: 0 };
  // The lines of buf from `at` on, as batches; what follows the last newline is left in `carry`.
  // bufOffset is the file offset of buf[0].
  function* linesOf(buf: Buffer, at: number): Generator<RecordBytes> {
    let batch: RecordBytes = { seqs: [], bytes: buf, starts: [], ends: [] };
    const pairs =
      buf.byteOffset % 2 === 0 ? new Uint16Array(buf.buffer, buf.byteOffset, buf.length >> 1) : undefined;
    for (let nl = buf.indexOf(NEWLINE, at); nl >= 0; nl = buf.indexOf(NEWLINE, at)) {
      if (nl - at > MAX_LINE_BYTES)
        throw bundleError(file, lineNo, `line longer than ${MAX_LINE_BYTES} bytes`);
      const jwsStart = fastLine(buf, pairs, at, nl, seqOut);
      if (jwsStart >= 0) {
        batch.seqs.push(seqOut.seq);
        batch.starts.push(jwsStart);
        batch.ends.push(nl - 2);
      } else {
        const text = decodeUtf8(buf, at, nl, { file, line: lineNo, fileOffset: bufOffset + at });
        const record = parseRecordLine(file, lineNo, text);
        if (batch.seqs.length > 0) yield batch;
        const bytes = Buffer.from(record.jws, 'utf8');
        yield { seqs: [record.seq], bytes, starts: [0], ends: [bytes.length] };
        batch = { seqs: [], bytes: buf, starts: [], ends: [] };
      }
      lineNo++;
      at = nl + 1;
    }
    if (batch.seqs.length > 0) yield batch;
    carry = at === buf.length ? undefined : buf.subarray(at);
    bufOffset += at;
    if (carry !== undefined && carry.length > MAX_LINE_BYTES) {
      throw bundleError(file, lineNo, `line longer than ${MAX_LINE_BYTES} bytes`);
    }
  }
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let from = 0;
      if (carry !== undefined) {
        // Only the line the previous chunk cut is pieced together (never the whole chunk).
        const nl = chunk.indexOf(NEWLINE);
        const head = Buffer.concat([carry, nl < 0 ? chunk : chunk.subarray(0, nl + 1)]);
        carry = undefined;
        yield* linesOf(head, 0);
        if (nl < 0) continue;
        from = nl + 1;
        // linesOf(head) moved bufOffset to chunk[from]; in chunk's own terms buf[0] is `from` earlier.
        bufOffset -= from;
      }
      yield* linesOf(chunk, from);
    }
  } catch (e) {
    throw readFailure(file, e);
  } finally {
    stream.destroy();
  }
  if (carry !== undefined) throw bundleError(file, lineNo, 'last line does not end with "\\n"');
}

/** Index after the seq digits that follow `{"seq":` at `from`. */
function digitsEnd(buf: Buffer, from: number): number {
  let p = from;
  while (buf[p]! >= 0x30 && buf[p]! <= 0x39) p++;
  return p;
}

/**
 * For a line in the exact byte form `{"seq":N,"jws":"…"}` (N without leading zeros, a safe
 * integer; the JWS only of base64url characters and dots): where its JWS starts, with N in
 * `out.seq`. -1 for any other line.
 */
function fastLine(
  buf: Buffer,
  pairs: Uint16Array | undefined,
  start: number,
  end: number,
  out: { seq: number },
): number {
  if (end - start < PREFIX.length + 1 + MIDDLE.length + 2) return -1;
  if (buf.compare(PREFIX, 0, PREFIX.length, start, start + PREFIX.length) !== 0) return -1;
  const d0 = start + PREFIX.length;
  const d1 = digitsEnd(buf, d0);
  if (d1 === d0 || d1 - d0 > 16 || (buf[d0] === 0x30 && d1 - d0 > 1)) return -1;
  let seq = 0;
  for (let p = d0; p < d1; p++) seq = seq * 10 + (buf[p]! - 0x30);
  if (!Number.isSafeInteger(seq)) return -1;
  if (d1 + MIDDLE.length > end - 2) return -1;
  if (buf.compare(MIDDLE, 0, MIDDLE.length, d1, d1 + MIDDLE.length) !== 0) return -1;
  if (buf[end - 2] !== QUOTE || buf[end - 1] !== BRACE) return -1;
  if (!jwsBytesOnly(buf, pairs, d1 + MIDDLE.length, end - 2)) return -1;
  out.seq = seq;
  return d1 + MIDDLE.length;
}
