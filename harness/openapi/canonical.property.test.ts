import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { canonicalSnapshot, loadSpec } from './index.js';

// Any JSON data inside a spec survives loading unchanged, whatever the syntax (JSON or YAML) and
// the key order: the canonical snapshot depends on the meaning only.
const shuffle = (v: unknown, seed: number): unknown => {
  if (Array.isArray(v)) return v.map((x) => shuffle(x, seed));
  if (v === null || typeof v !== 'object') return v;
  const keys = Object.keys(v);
  const rotated = keys.map((_, i) => keys[(i + seed) % keys.length]!).reverse();
  const out: Record<string, unknown> = {};
  for (const k of rotated) {
    Object.defineProperty(out, k, {
      value: shuffle((v as Record<string, unknown>)[k], seed),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
};

describe('canonical snapshot properties', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'proofgate-canon-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('JSON, YAML and key-shuffled forms of a spec give the same snapshot; data is kept as is', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), fc.nat(7), async (data, seed) => {
        const spec = {
          openapi: '3.1.0',
          info: { title: 'p', version: '1' },
          paths: {},
          components: { examples: { e: { value: data } } },
          'x-data': data,
        };
        const i = n++;
        await writeFile(join(dir, `${i}.json`), JSON.stringify(spec));
        await writeFile(join(dir, `${i}.yaml`), stringify(shuffle(spec, seed)));
        const [j, y] = await Promise.all([
          loadSpec(join(dir, `${i}.json`)),
          loadSpec(join(dir, `${i}.yaml`)),
        ]);
        expect(canonicalSnapshot(y.doc)).toBe(canonicalSnapshot(j.doc));
        expect(JSON.parse(canonicalSnapshot(j.doc))['x-data']).toEqual(JSON.parse(JSON.stringify(data)));
      }),
    );
  });
});
