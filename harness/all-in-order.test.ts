import { describe, expect, it } from 'vitest';
import { allInOrder } from './all-in-order.js';

/** A promise settled from outside, so the test decides the order (no timers). */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('allInOrder', () => {
  it('gives the values in argument order', async () => {
    expect(await allInOrder([Promise.resolve(1), 'two', Promise.resolve(undefined)] as const)).toEqual([
      1,
      'two',
      undefined,
    ]);
  });

  it('throws the first rejection in argument order, whichever settles first', async () => {
    const a = deferred<number>();
    const b = deferred<number>();
    const all = allInOrder([a.promise, b.promise] as const);
    b.reject(new Error('second'));
    await Promise.resolve();
    a.reject(new Error('first'));
    await expect(all).rejects.toThrow('first');
  });

  it('waits for a pending promise before throwing (nothing is left running unobserved)', async () => {
    const a = deferred<number>();
    const b = deferred<number>();
    let settled = false;
    const all = allInOrder([a.promise, b.promise] as const).catch((e: Error) => {
      settled = true;
      return e.message;
    });
    a.reject(new Error('first'));
    await Promise.resolve();
    await Promise.resolve();
    expect(settled).toBe(false);
    b.resolve(2);
    expect(await all).toBe('first');
  });
});
