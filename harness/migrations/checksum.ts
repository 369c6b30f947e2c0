import { createHash } from 'node:crypto';

/** Checksum of a migration file's exact bytes (like atlas.sum: no normalisation, any edit counts). */
export function fileChecksum(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}
