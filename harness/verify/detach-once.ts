let done = false;

/**
 * Detaches one throwaway ArrayBuffer, once per thread. V8 optimises typed-array code assuming no
 * buffer is ever detached, until one is: then every function optimised that way is thrown away
 * and compiled again. A pool detaches buffers with every task and result (they are transferred),
 * so the threads do that first, before the code that matters is optimised (and re-optimised in
 * the middle of the first pass).
 */
export function detachOnce(): void {
  if (done) return;
  done = true;
  const buffer = new ArrayBuffer(8);
  structuredClone(buffer, { transfer: [buffer] });
}
