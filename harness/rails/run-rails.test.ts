import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMiniApp, MINI_SCOPES, type MiniFault } from '../conformance/__fixtures__/mini-app.js';
import { miniDoc } from '../conformance/__fixtures__/mini.js';
import { supertestClient } from '../conformance/client.js';
import { runRails } from './run-rails.js';

async function rails(faults: MiniFault[] = []) {
  const { app, mintToken } = createMiniApp(faults);
  return runRails({
    doc: miniDoc(),
    version: '3.1',
    client: supertestClient(app, 'mini app'),
    mintToken,
    scopes: MINI_SCOPES,
    tenants: ['acme', 'globex'],
    seed: fc.readConfigureGlobal().seed ?? 1,
    numRuns: 8,
  });
}

describe('property rails on the mini app (real HTTP via supertest)', () => {
  it('the honest app passes every rail and every rail ran', async () => {
    const result = await rails();
    expect(result.violations).toEqual([]);
    expect(Object.values(result.evaluated).every((n) => n > 0)).toBe(true);
  });

  it.each([
    ['non-monotonic scopes', { given: ['non-monotonic'], want: 'scope-lattice-monotonic' }],
    ['a read scope that can write', { given: ['scope-leak'], want: 'scope-least-privilege' }],
    ['a list that ignores the tenant', { given: ['tenant-leak'], want: 'tenant-isolation' }],
    ['a route with its own 401 code', { given: ['route-code'], want: 'deterministic-reason' }],
  ] as const)('%s is caught', async (_name, { given, want }) => {
    const result = await rails([...given]);
    const hit = result.violations.find((v) => v.check === want);
    expect(hit, JSON.stringify(result.violations)).toBeDefined();
    expect(hit!.message).toMatch(/fast-check seed -?\d+/);
  });
});
