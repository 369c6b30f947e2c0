import { describe, expect, it } from 'vitest';
import { hashLeafInput, leafHash } from '../lineage/index.js';
import { RecordPack } from './record-pack.js';

const records = [
  [0, 'eyJh.eyJi.c2ln'],
  [1, ''],
  [2, 'not ascii: é ✓ 😀'],
  [7, 'x'.repeat(3000)], // more than the initial capacity: the pack grows
] as const;

function record(task: { bytes: Uint8Array; ends: Uint32Array }, i: number): Buffer {
  const start = i === 0 ? 0 : (task.ends[i - 1] as number);
  return Buffer.from(task.bytes.subarray(start, task.ends[i]));
}

describe('RecordPack', () => {
  it('stores each record as its leaf input 0x00 ‖ UTF-8 bytes, from text or from bytes alike', () => {
    const fromText = new RecordPack(16);
    const fromBytes = new RecordPack(16);
    for (const [seq, jws] of records) {
      fromText.addText(seq, jws);
      const b = Buffer.concat([Buffer.from('..'), Buffer.from(jws, 'utf8'), Buffer.from('..')]);
      fromBytes.addBytes(seq, b, 2, b.length - 2);
    }
    const a = fromText.take(1);
    const b = fromBytes.take(2);
    expect([...a.seqs]).toEqual(records.map(([s]) => s));
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    expect([...a.ends]).toEqual([...b.ends]);
    records.forEach(([, jws], i) => {
      const input = record(a, i);
      expect(input[0]).toBe(0);
      expect(input.subarray(1).toString('utf8')).toBe(jws);
      expect(Buffer.from(hashLeafInput(input))).toEqual(Buffer.from(leafHash(jws)));
    });
  });

  it('is empty after take, and the next task does not share the buffer it handed out', () => {
    const pack = new RecordPack(64);
    pack.addText(0, 'first');
    const a = pack.take(0);
    expect(pack.length).toBe(0);
    pack.addText(1, 'other');
    const b = pack.take(1);
    expect(a.bytes.buffer).not.toBe(b.bytes.buffer);
    expect(Buffer.from(a.bytes).toString('latin1', 1)).toBe('first');
  });
});
