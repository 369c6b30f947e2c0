import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leafHash } from '../lineage/hash.js';
import { merkleRoot } from '../lineage/merkle-root.js';
import { SubtreeRange } from './subtree-range.js';

const leaves = (n: number) => Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`leaf ${i}`)));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('SubtreeRange', () => {
  it('joined at any split points, gives the RFC 6962 root of the whole list', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 70 }), fc.array(fc.nat(70), { maxLength: 4 }), (n, cuts) => {
        const ls = leaves(n);
        const points = [...new Set([0, ...cuts.map((c) => c % (n + 1)), n])].sort((a, b) => a - b);
        const whole = new SubtreeRange(0);
        for (let i = 0; i + 1 < points.length; i++) {
          const part = new SubtreeRange(points[i]!);
          for (let j = points[i]!; j < points[i + 1]!; j++) part.pushLeaf(ls[j]!);
          // a shard's range survives its JSON form
          whole.append(SubtreeRange.fromJSON(JSON.parse(JSON.stringify(part.toJSON()))));
        }
        expect(whole.end).toBe(n);
        expect(hex(whole.root())).toBe(hex(merkleRoot(ls)));
      }),
    );
  });

  it('shared leaf objects (identical subtrees hashed once) give the same root as distinct copies', () => {
    const shared = [leafHash('ok'), leafHash('bad-signature')];
    fc.assert(
      fc.property(fc.array(fc.nat(9), { maxLength: 300 }), fc.nat(300), (picks, cut) => {
        // mostly the first leaf, in long runs, as outcome codes are
        const ls = picks.map((p) => shared[p === 9 ? 1 : 0]!);
        const at = cut % (ls.length + 1);
        const a = new SubtreeRange(0);
        ls.slice(0, at).forEach((l) => a.pushLeaf(l));
        const b = new SubtreeRange(at);
        ls.slice(at).forEach((l) => b.pushLeaf(l));
        a.append(b);
        expect(hex(a.root())).toBe(hex(merkleRoot(ls.map((l) => Uint8Array.from(l)))));
      }),
    );
  });

  it.each([['out of order join', { given: [0, 3, 4], want: /cannot follow/ }]])(
    '%s is refused',
    (_n, { given, want }) => {
      const a = new SubtreeRange(given[0]!);
      for (let i = given[0]!; i < given[1]!; i++) a.pushLeaf(leaves(1)[0]!);
      expect(() => a.append(new SubtreeRange(given[2]!))).toThrow(want);
    },
  );

  it('root() of a range that does not start at 0 is refused', () => {
    expect(() => new SubtreeRange(4).root()).toThrow(/starts at 0/);
  });
});
