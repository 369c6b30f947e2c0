import type { WorkerTask } from './worker-protocol.js';

/**
 * Collects records for one worker task as bytes: record i is `bytes[ends[i-1], ends[i])`, a 0x00
 * byte followed by the stored JWS. That is exactly the RFC 6962 leaf input (0x00 ‖ d), so the
 * worker hashes each leaf and checks each signature on views of one buffer, and the buffers move
 * to the worker without a copy (transferred, not cloned).
 */
export class RecordPack {
  #seqs: number[] = [];
  #ends: number[] = [];
  #bytes: Buffer;
  #used = 0;
  // Buffers back from the workers, reused: fresh ones per batch pile up as external memory that
  // a worker's GC frees late (tens of MB of RSS at a million records).
  readonly #spare: ArrayBuffer[] = [];
  readonly #capacity: number;

  constructor(capacity = 1 << 19) {
    this.#capacity = capacity;
    this.#bytes = Buffer.allocUnsafeSlow(capacity);
  }

  /** Hands back a task's bytes once its result is in, for a later task to reuse. */
  recycle(bytes: Uint8Array): void {
    if (this.#spare.length < 64 && bytes.buffer.byteLength >= this.#capacity)
      this.#spare.push(bytes.buffer as ArrayBuffer);
  }

  get length(): number {
    return this.#seqs.length;
  }

  /** Adds a record given as text (its UTF-8 bytes are stored, as the database stores them). */
  addText(seq: number, jws: string): void {
    this.#reserve(1 + 3 * jws.length);
    this.#bytes[this.#used] = 0x00;
    this.#used += 1 + this.#bytes.write(jws, this.#used + 1, 'utf8');
    this.#push(seq);
  }

  /** Adds a record given as the bytes `source[start, end)`. */
  addBytes(seq: number, source: Buffer, start: number, end: number): void {
    this.#reserve(1 + end - start);
    this.#bytes[this.#used] = 0x00;
    this.#used += 1 + source.copy(this.#bytes, this.#used + 1, start, end);
    this.#push(seq);
  }

  /** The collected records as a task; the pack is empty afterwards. */
  take(id: number): WorkerTask {
    const task: WorkerTask = {
      id,
      seqs: Float64Array.from(this.#seqs),
      bytes: new Uint8Array(this.#bytes.buffer, this.#bytes.byteOffset, this.#used),
      ends: Uint32Array.from(this.#ends),
    };
    const spare = this.#spare.pop();
    this.#bytes = spare === undefined ? Buffer.allocUnsafeSlow(this.#capacity) : Buffer.from(spare);
    this.#seqs = [];
    this.#ends = [];
    this.#used = 0;
    return task;
  }

  #push(seq: number): void {
    this.#seqs.push(seq);
    this.#ends.push(this.#used);
  }

  #reserve(n: number): void {
    if (this.#used + n <= this.#bytes.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(2 * this.#bytes.length, this.#used + n));
    this.#bytes.copy(grown, 0, 0, this.#used);
    this.#bytes = grown;
  }
}
