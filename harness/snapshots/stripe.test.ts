import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusPath, hasCorpus } from '../testing/corpus.js';
import { diffSpecs, verdictOf } from './index.js';

// Two real Stripe spec versions (~4 MB each, many schemas in $ref cycles): the diff must finish
// fast, stay deterministic and agree with itself when nothing changed.
const available = hasCorpus('real', 'stripe-spec3-2021-10-08.json');

describe.skipIf(!available)('Stripe specs (real corpus)', () => {
  const read = (f: string) =>
    JSON.parse(readFileSync(corpusPath('real', f), 'utf8')) as Record<string, unknown>;

  it('diffs 2021-10-08 → 2022-04-12 quickly and deterministically', () => {
    const a = read('stripe-spec3-2021-10-08.json');
    const b = read('stripe-spec3-2022-04-12.json');
    const t0 = process.cpuUsage();
    const w0 = performance.now();
    const changes = diffSpecs(a, b);
    const cpu = process.cpuUsage(t0);
    const wall = performance.now() - w0;
    const counts = { breaking: 0, additive: 0, 'non-breaking': 0 };
    for (const c of changes) counts[c.class]++;
    process.stdout.write(
      `[stripe] ${changes.length} changes (${JSON.stringify(counts)}), verdict ${verdictOf(changes)}; diff ${wall.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU\n`,
    );
    expect(verdictOf(changes)).toBe('breaking');
    expect(wall).toBeLessThan(5000); // generous on a shared 2-core machine; the bench holds the real target
    const again = diffSpecs(read('stripe-spec3-2021-10-08.json'), read('stripe-spec3-2022-04-12.json'));
    expect(JSON.stringify(again)).toBe(JSON.stringify(changes));
  });

  it('finds nothing between a spec and itself', () => {
    const a = read('stripe-spec3-2022-04-12.json');
    expect(diffSpecs(a, read('stripe-spec3-2022-04-12.json'))).toEqual([]);
  });
});
