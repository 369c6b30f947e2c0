import { InfraError } from '../errors/index.js';

// PostgreSQL COPY binary format (docs: "COPY … Binary Format"): an 11-byte signature, int32
// flags, int32 header-extension length (+ extension); then per tuple an int16 field count and
// per field an int32 length (-1 = NULL) and the bytes; an int16 of -1 ends the data.
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/**
 * Incremental parser for rows of (int8, text) — ledger_records (seq, jws), ledger_anchors
 * (tree_size, checkpoint). The text comes as its bytes in the chunk (`bytes[start, end)`, valid
 * until the next push): the verifier packs them for its workers without making strings.
 */
export class Int8TextCopyParser {
  private buf: Buffer = Buffer.alloc(0);
  private headerDone = false;
  /** True once the -1 trailer was seen: the server sent every row. */
  done = false;

  /** Parses every complete tuple in `chunk` (plus leftovers), calling `row` for each. */
  push(chunk: Buffer, row: (n: number, bytes: Buffer, start: number, end: number) => void): void {
    const b = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    let o = 0;
    if (!this.headerDone) {
      if (b.length < 19) {
        this.buf = b;
        return;
      }
      if (!b.subarray(0, 11).equals(SIGNATURE)) throw protocolError('bad COPY binary signature');
      const ext = b.readUInt32BE(15);
      if (b.length < 19 + ext) {
        this.buf = b;
        return;
      }
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
    this.buf = o === end ? Buffer.alloc(0) : Buffer.from(b.subarray(o));
  }
}

function protocolError(message: string): InfraError {
  return new InfraError('ERR_DATABASE', `COPY binary stream: ${message}`, {
    hint: 'unexpected data from the server; check the ledger schema version',
  });
}
