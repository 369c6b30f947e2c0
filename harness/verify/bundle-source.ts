import { readBundle } from '../bundle/index.js';
import type { LogSource } from './source.js';

/**
 * A bundle folder as a log source. The extent costs one streaming pass over records.jsonl (bytes,
 * no decoding); records then stream as bytes like a database's.
 */
export async function bundleSource(dir: string): Promise<LogSource> {
  const bundle = await readBundle(dir);
  let extent: number | undefined;
  return {
    description: { kind: 'bundle' },
    origin: bundle.manifest.origin,
    noteKeys: bundle.manifest.noteKeys,
    keys: bundle.keys,
    async extent() {
      if (extent === undefined) {
        let max = -1;
        for await (const b of bundle.recordBytes()) for (const s of b.seqs) if (s > max) max = s;
        extent = max + 1;
      }
      return extent;
    },
    batches: () => bundle.recordBytes(),
    anchors: () => bundle.anchors(),
    close: async () => {},
  };
}
