import { hash } from 'node:crypto';
import { createRequire } from 'node:module';

type Sha256Into = (out: Uint8Array, data: Uint8Array) => void;

// libsodium's SHA-256 (sodium-native, the optional dependency the Ed25519 fast path uses) writes
// into memory we own. node:crypto's one-shot hash returns a new Buffer per call: at two hashes a
// record that is a stream of tiny external allocations, and V8 pays for them in bursts (a worker's
// next postMessage took ~1 ms after a batch of them). Same bytes either way: SHA-256.
const sodiumSha256: Sha256Into | undefined = (() => {
  try {
    const f = (createRequire(import.meta.url)('sodium-native') as { crypto_hash_sha256?: unknown })
      .crypto_hash_sha256;
    return typeof f === 'function' ? (f as Sha256Into) : undefined;
  } catch {
    return undefined;
  }
})();

/** SHA-256 of `data` written into `out` (32 bytes). */
export function sha256Into(data: Uint8Array, out: Uint8Array): void {
  if (out.length !== 32) throw new RangeError('sha256Into needs a 32-byte output');
  if (sodiumSha256 !== undefined) sodiumSha256(out, data);
  else out.set(hash('sha256', data, 'buffer'));
}

// Outputs of sha256 calls that return a new digest: 32-byte views of one slab at a time (one
// allocation per 1024 digests). Views keep their slab alive; nothing writes into them.
const SLAB = 32 * 1024;
let slab = new ArrayBuffer(SLAB);
let at = 0;

/** SHA-256 of `data` as a new 32-byte Buffer (a view of a shared slab: never write into it). */
export function sha256(data: Uint8Array): Buffer {
  if (sodiumSha256 === undefined) return hash('sha256', data, 'buffer') as Buffer;
  if (at === SLAB) {
    slab = new ArrayBuffer(SLAB);
    at = 0;
  }
  const out = Buffer.from(slab, at, 32);
  at += 32;
  sodiumSha256(out, data);
  return out;
}
