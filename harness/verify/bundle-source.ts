import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE_FILES, readBundle } from '../bundle/index.js';
import { readFailure } from '../bundle/read-lines.js';
import type { LogSource } from './source.js';

/** sha256 over the four files' sha256s, in a fixed order: the bundle's data as stored. */
async function bundleDigest(dir: string): Promise<string> {
  const all = createHash('sha256');
  for (const f of [BUNDLE_FILES.manifest, BUNDLE_FILES.keys, BUNDLE_FILES.records, BUNDLE_FILES.anchors]) {
    const file = join(dir, f);
    const h = createHash('sha256');
    try {
      for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
    } catch (e) {
      throw readFailure(file, e);
    }
    all.update(`${f}\u0000${h.digest('hex')}\n`);
  }
  return all.digest('hex');
}

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
    ...(bundle.manifest.profile ? { profile: bundle.manifest.profile } : {}),
    keys: bundle.keys,
    extentIsScan: true,
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
    fingerprint: async () => ({ dataDigest: await bundleDigest(dir) }),
    close: async () => {},
  };
}
