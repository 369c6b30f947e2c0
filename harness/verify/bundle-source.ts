import { readBundle } from '../bundle/index.js';
import type { LogSource } from './source.js';

/** A bundle folder as a log source. The extent costs one streaming pass over records.jsonl. */
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
        for await (const b of bundle.recordBatches()) for (const s of b.seqs) if (s > max) max = s;
        extent = max + 1;
      }
      return extent;
    },
    batches: (_from, _to, batchSize) => bundle.recordBatches(batchSize),
    anchors: () => bundle.anchors(),
    close: async () => {},
  };
}
