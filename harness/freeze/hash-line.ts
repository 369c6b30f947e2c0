import { FREEZE_FILES } from './files.js';

/** The sha256 file's one line, in `sha256sum` format: `<hex>  openapi.snapshot.json\n`. */
export function formatHashLine(hex: string): string {
  return `${hex}  ${FREEZE_FILES.snapshot}\n`;
}

/** The hex digest of a `sha256sum`-format line naming the snapshot, or `undefined` when malformed. */
export function parseHashLine(text: string): string | undefined {
  const m = /^([0-9a-f]{64}) [ *]openapi\.snapshot\.json\n?$/.exec(text);
  return m?.[1];
}
