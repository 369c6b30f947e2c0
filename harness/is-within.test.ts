import { describe, expect, it } from 'vitest';
import { isWithin } from './is-within.js';

describe('isWithin', () => {
  it.each([
    ['the folder itself', '/a/b', '/a/b', true],
    ['a file inside', '/a/b/c.txt', '/a/b', true],
    ['a file named ..x inside', '/a/b/..x', '/a/b', true],
    ['a folder named ..x.d, deeper', '/a/b/..x.d/c', '/a/b', true],
    ['the parent', '/a', '/a/b', false],
    ['a sibling', '/a/c', '/a/b', false],
    ['a sibling sharing the prefix', '/a/bc', '/a/b', false],
    ['a ../ escape written out', '/a/b/../c', '/a/b', false],
    ['the root above everything', '/', '/a/b', false],
  ])('%s', (_n, child, parent, want) => {
    expect(isWithin(child, parent)).toBe(want);
  });
});
