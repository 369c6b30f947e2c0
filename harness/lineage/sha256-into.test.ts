import { hash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256, sha256Into } from './sha256-into.js';

// The verifier's SHA-256 (libsodium where sodium-native loads) against node:crypto's.
describe('sha256Into / sha256', () => {
  it('equal node:crypto SHA-256 on any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (data) => {
        const want = hash('sha256', data, 'hex');
        const out = new Uint8Array(32);
        sha256Into(data, out);
        expect(Buffer.from(out).toString('hex')).toBe(want);
        expect(sha256(data).toString('hex')).toBe(want);
      }),
    );
  });

  it('digests handed out from the shared slab are never overwritten by later ones', () => {
    const digests = Array.from({ length: 3000 }, (_, i) => [i, sha256(Buffer.from(`leaf ${i}`))] as const);
    for (const [i, d] of digests) expect(d.toString('hex')).toBe(hash('sha256', `leaf ${i}`, 'hex'));
  });

  it('refuses an output that is not 32 bytes', () => {
    expect(() => sha256Into(new Uint8Array(1), new Uint8Array(31))).toThrow(RangeError);
  });
});
