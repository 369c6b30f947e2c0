import { createHash } from 'node:crypto';

/** 32 bytes derived from the seed and a label: every generated key and value comes from here. */
export function seededBytes(seed: string, label: string): Uint8Array {
  return new Uint8Array(
    createHash('sha256').update(`proofgate-history/1\u0000${seed}\u0000${label}`, 'utf8').digest(),
  );
}
