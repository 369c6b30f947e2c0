import { createHash, hash } from 'node:crypto';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256, sha256Into } from './sha256-into.js';

// libsodium's SHA-256, an implementation independent of OpenSSL's, where sodium-native loads.
const sodium = (() => {
  try {
    return createRequire(import.meta.url)('sodium-native') as {
      crypto_hash_sha256(out: Uint8Array, data: Uint8Array): void;
    };
  } catch {
    return undefined;
  }
})();

// The verifier's SHA-256 (a one-shot hash with a latin1 digest, copied out) against a streaming
// Hash object and against libsodium.
describe('sha256Into / sha256', () => {
  it('equal SHA-256 of a Hash object and of libsodium on any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (data) => {
        const want = createHash('sha256').update(data).digest('hex');
        const out = new Uint8Array(32).fill(0xaa);
        sha256Into(data, out);
        expect(Buffer.from(out).toString('hex')).toBe(want);
        expect(sha256(data).toString('hex')).toBe(want);
        if (sodium !== undefined) {
          const other = new Uint8Array(32);
          sodium.crypto_hash_sha256(other, data);
          expect(Buffer.from(other).toString('hex')).toBe(want);
        }
      }),
    );
  });

  it('digests with every byte value, high ones included, are copied exactly (FIPS 180-2 vectors)', () => {
    const out = new Uint8Array(32);
    sha256Into(Buffer.from('abc'), out);
    expect(Buffer.from(out).toString('hex')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    sha256Into(new Uint8Array(0), out);
    expect(Buffer.from(out).toString('hex')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('digests handed out from the shared slab are never overwritten by later ones', () => {
    const digests = Array.from({ length: 3000 }, (_, i) => [i, sha256(Buffer.from(`leaf ${i}`))] as const);
    for (const [i, d] of digests) expect(d.toString('hex')).toBe(hash('sha256', `leaf ${i}`, 'hex'));
  });

  it('writes at an offset and leaves the rest alone; refuses an output without 32 bytes there', () => {
    const out = new Uint8Array(64).fill(0xee);
    sha256Into(Buffer.from('abc'), out, 32);
    expect(Buffer.from(out.subarray(0, 32)).equals(Buffer.alloc(32, 0xee))).toBe(true);
    expect(Buffer.from(out.subarray(32)).toString('hex')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(() => sha256Into(new Uint8Array(1), new Uint8Array(31))).toThrow(RangeError);
    expect(() => sha256Into(new Uint8Array(1), new Uint8Array(64), 33)).toThrow(RangeError);
    expect(() => sha256Into(new Uint8Array(1), new Uint8Array(64), -1)).toThrow(RangeError);
  });
});
