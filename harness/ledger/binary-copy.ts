import { InfraError } from '../errors/index.js';

// PostgreSQL COPY binary format (docs: "COPY … Binary Format"): an 11-byte signature, int32
// flags, int32 header-extension length (+ extension); then per tuple an int16 field count and
// per field an int32 length (-1 = NULL) and the bytes; an int16 of -1 ends the data.
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const EMPTY_INIT = Buffer.alloc(0);

/**
 * Incremental parser for rows of (int8, text) — ledger_records (seq, jws), ledger_anchors
 * (tree_size, checkpoint). The text comes as its bytes in the chunk (`bytes[start, end)`, valid
 * until the next push): the verifier packs them for its workers without making strings.
 */
export class Int8TextCopyParser {
  private buf: Buffer = EMPTY_INIT;
  private headerDone = false;
  /** True once the -1 trailer was seen: the server sent every row. */
  done = false;

  /**
   * Parses every complete tuple in `chunk` (plus leftovers), calling `row` for each. Rows come as
   * views of `chunk` itself, except a tuple cut by the previous chunk's end: that one alone is
   * pieced together in a small buffer of its own (the whole chunk is never copied).
   */
  push(chunk: Buffer, row: (n: number, bytes: Buffer, start: number, end: number) => void): void {
    let at = 0;
    while (this.buf.length > 0 && at < chunk.length) {
      // Complete the cut unit (header, tuple or trailer) with just the bytes it still lacks.
      const take = Math.min(chunk.length - at, this.#needed(this.buf) - this.buf.length);
      this.buf = Buffer.concat([this.buf, chunk.subarray(at, at + take)]);
      at += take;
      if (this.buf.length >= this.#needed(this.buf)) {
        const b = this.buf;
        this.buf = EMPTY;
        const used = this.#parse(b, row);
        if (used < b.length) this.buf = b.subarray(used);
      }
    }
    if (at >= chunk.length) return;
    const rest = at === 0 ? chunk : chunk.subarray(at);
    const used = this.#parse(rest, row);
    // A copy: the caller may reuse or hand on the chunk's memory.
    this.buf = used === rest.length ? EMPTY : Buffer.from(rest.subarray(used));
  }

  /** The length the unit at the start of `b` needs to be complete (a lower bound until its length is in `b`). */
  #needed(b: Buffer): number {
    if (!this.headerDone) return b.length < 19 ? 19 : 19 + b.readUInt32BE(15);
    if (b.length < 2) return 2;
    if (b.readInt16BE(0) === -1) return 2;
    return b.length < 18 ? 18 : 18 + Math.max(0, b.readInt32BE(14));
  }

  /** Parses the units complete in `b` from its start; returns how many bytes they took. */
  #parse(b: Buffer, row: (n: number, bytes: Buffer, start: number, end: number) => void): number {
    let o = 0;
    if (this.done) return b.length;
    if (!this.headerDone) {
      if (b.length < 19) return 0;
      if (!b.subarray(0, 11).equals(SIGNATURE)) throw protocolError('bad COPY binary signature');
      const ext = b.readUInt32BE(15);
      if (b.length < 19 + ext) return 0;
      o = 19 + ext;
      this.headerDone = true;
    }
    const end = b.length;
    while (o + 2 <= end) {
      const fields = b.readInt16BE(o);
      if (fields === -1) {
        this.done = true;
        o += 2;
        break;
      }
      if (fields !== 2) throw protocolError(`expected 2 columns, got ${fields}`);
      // 2 + (4 + 8) + 4 bytes before the text
      if (o + 18 > end) break;
      if (b.readInt32BE(o + 2) !== 8) throw protocolError('first column is not int8');
      const tlen = b.readInt32BE(o + 14);
      if (tlen < 0) throw protocolError('NULL text column');
      if (o + 18 + tlen > end) break;
      const n = b.readInt32BE(o + 6) * 4294967296 + b.readUInt32BE(o + 10);
      row(n, b, o + 18, o + 18 + tlen);
      o += 18 + tlen;
    }
    return o;
  }
}

const EMPTY = Buffer.alloc(0);

function protocolError(message: string): InfraError {
  return new InfraError('ERR_DATABASE', `COPY binary stream: ${message}`, {
    hint: 'unexpected data from the server; check the ledger schema version',
  });
}
