import { checkProtectedHeader, type HeaderCheck, type HeaderPolicy } from './protected-header.js';

const LIMIT = 4096;

/**
 * Each distinct protected header is checked once. A log repeats a handful of headers (one per
 * key) in long runs, so the last one is compared byte for byte before any map lookup.
 */
export class HeaderCache {
  readonly #policy: HeaderPolicy;
  readonly #map = new Map<string, HeaderCheck>();
  #lastBytes: Buffer = Buffer.alloc(0);
  #last: HeaderCheck | undefined;

  constructor(policy: HeaderPolicy) {
    this.#policy = policy;
  }

  /** The check of the protected segment `bytes[start, end)` (base64url text as in the JWS). */
  check(bytes: Buffer, start: number, end: number): HeaderCheck {
    if (this.#last !== undefined && this.#lastBytes.compare(bytes, start, end) === 0) return this.#last;
    // latin1 is byte for byte; non-ASCII bytes then fail the base64url check as they should.
    const segment = bytes.toString('latin1', start, end);
    let header = this.#map.get(segment);
    if (header === undefined) {
      header = checkProtectedHeader(segment, this.#policy);
      if (this.#map.size >= LIMIT) this.#map.clear();
      this.#map.set(segment, header);
    }
    this.#lastBytes = Buffer.from(bytes.subarray(start, end));
    this.#last = header;
    return header;
  }
}
