/**
 * `Promise.all` whose failure does not depend on timing: it waits for every promise and, when
 * several reject, throws the first in argument order. With `Promise.all`, two invalid inputs loaded
 * at once were reported by whichever failed first, so the same command printed either error.
 */
export async function allInOrder<T extends readonly unknown[]>(
  promises: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(promises);
  for (const s of settled) if (s.status === 'rejected') throw s.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as {
    -readonly [K in keyof T]: Awaited<T[K]>;
  };
}
