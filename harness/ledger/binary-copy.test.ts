import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Int8TextCopyParser } from './binary-copy.js';

// Builds the COPY binary stream PostgreSQL sends for (int8, text) rows.
function encode(rows: [number, string][], { trailer = true, ext = 0 } = {}): Buffer {
  const parts: Buffer[] = [Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1')];
  const head = Buffer.alloc(8 + ext);
  head.writeUInt32BE(0, 0);
  head.writeUInt32BE(ext, 4);
  parts.push(head);
  for (const [n, t] of rows) {
    const text = Buffer.from(t, 'utf8');
    const b = Buffer.alloc(18);
    b.writeInt16BE(2, 0);
    b.writeInt32BE(8, 2);
    b.writeBigInt64BE(BigInt(n), 6);
    b.writeInt32BE(text.length, 14);
    parts.push(b, text);
  }
  if (trailer) parts.push(Buffer.from([0xff, 0xff]));
  return Buffer.concat(parts);
}

function parse(buf: Buffer, cuts: number[]): { rows: [number, string][]; done: boolean } {
  const p = new Int8TextCopyParser();
  const rows: [number, string][] = [];
  let at = 0;
  for (const c of [...cuts.filter((x) => x > 0 && x < buf.length)].sort((a, b) => a - b).concat(buf.length)) {
    p.push(buf.subarray(at, c), (n, b, s, e) => rows.push([n, b.toString('utf8', s, e)]));
    at = c;
  }
  return { rows, done: p.done };
}

describe('Int8TextCopyParser', () => {
  it('parses the same rows however the stream is cut into chunks', () => {
    const row = fc.tuple(fc.maxSafeNat(), fc.string({ unit: 'grapheme', maxLength: 40 }));
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 20 }),
        fc.array(fc.nat(2_000), { maxLength: 30 }),
        fc.nat(4),
        (rows, cuts, ext) => {
          const buf = encode(rows, { ext });
          const got = parse(buf, cuts);
          expect(got.done).toBe(true);
          expect(got.rows).toEqual(rows);
        },
      ),
    );
  });

  it('one byte at a time', () => {
    const rows: [number, string][] = [
      [0, 'a.b.c'],
      [2 ** 53 - 1, 'é€😀'],
      [7, ''],
    ];
    const buf = encode(rows);
    expect(
      parse(
        buf,
        Array.from({ length: buf.length }, (_, i) => i),
      ),
    ).toEqual({ rows, done: true });
  });

  it('a stream cut before its trailer is not done (the caller reports ERR_DATABASE)', () => {
    const buf = encode([[1, 'x']], { trailer: false });
    expect(parse(buf, [])).toEqual({ rows: [[1, 'x']], done: false });
  });

  it.each([
    ['bad signature', Buffer.from('PGCOPX\n\xff\r\n\0\0\0\0\0\0\0\0\0', 'latin1'), /signature/],
    [
      'three columns',
      Buffer.concat([encode([], { trailer: false }), Buffer.from([0, 3])]),
      /expected 2 columns/,
    ],
  ])('%s → ERR_DATABASE', (_n, buf, msg) => {
    expect(() => parse(buf, [])).toThrow(
      expect.objectContaining({ code: 'ERR_DATABASE', message: expect.stringMatching(msg) }),
    );
  });
});
