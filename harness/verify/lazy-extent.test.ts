import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RECORD_PROFILE, type RecordProfile } from '../proofs/index.js';
import { bundleSource } from './bundle-source.js';
import type { LogSource } from './source.js';
import { tempBundle } from './testing.js';
import { verifyShard } from './verify-shard.js';

// A bundle's extent costs a full read, so a whole-log run with a known thread count learns it from
// the stream instead. The shard state (hence every report) must be exactly the one made with the
// extent asked for first: rows reordered, duplicated, dropped, below the first seq, all of them
// below it, none at all, anchors past the end.
type Bundle = Awaited<ReturnType<typeof tempBundle>>;
let b: Bundle;
let lines: string[];
beforeAll(async () => {
  b = await tempBundle(40, 8, 'lazy-extent');
  lines = await b.lines();
});
afterAll(() => b.remove());

const FROM_ONE: RecordProfile = { ...DEFAULT_RECORD_PROFILE, firstSeq: 1 };

/** The same source, but one that must be asked for its extent first (the eager path). */
const eager = (s: LogSource): LogSource => ({ ...s, extentIsScan: false, extent: () => s.extent() });

describe('a bundle read once (extent learnt from the stream)', () => {
  it('gives the shard state of the extent asked for first', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(lines.length - 1), { maxLength: 50 }),
        fc.boolean(),
        fc.constantFrom(0, 1),
        async (picks, firstSeqOne, workers) => {
          await b.setLines(picks.map((i) => lines[i] as string));
          const profile = firstSeqOne ? FROM_ONE : DEFAULT_RECORD_PROFILE;
          const lazySource = await bundleSource(b.dir);
          expect(lazySource.extentIsScan).toBe(true);
          const lazy = await verifyShard(lazySource, { workers, profile });
          const full = await verifyShard(eager(await bundleSource(b.dir)), { workers, profile });
          expect(lazy).toEqual(full);
        },
      ),
      { numRuns: 40 },
    );
  });

  it.each([
    ['no records at all', [] as string[]],
    ['only a record below the first seq', ['{"seq":0,"jws":"a.b.c"}']],
  ])('%s', async (_, text) => {
    await b.setLines(text);
    const lazy = await verifyShard(await bundleSource(b.dir), { workers: 0, profile: FROM_ONE });
    const full = await verifyShard(eager(await bundleSource(b.dir)), { workers: 0, profile: FROM_ONE });
    expect(lazy).toEqual(full);
    expect(lazy.extent).toBe(0);
  });
});
