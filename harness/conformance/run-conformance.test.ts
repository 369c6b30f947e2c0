import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMiniApp, MINI_SCOPES, type MiniFault } from './__fixtures__/mini-app.js';
import { miniDoc, miniDoc30 } from './__fixtures__/mini.js';
import { supertestClient } from './client.js';
import { runConformance } from './run-conformance.js';
import { conformanceReport } from './to-report.js';
import { renderReport } from '../report/index.js';

async function run(faults: MiniFault[] = [], version: '3.0' | '3.1' = '3.1') {
  const { app, mintToken } = createMiniApp(faults);
  const result = await runConformance({
    doc: version === '3.1' ? miniDoc() : miniDoc30(),
    version,
    client: supertestClient(app, 'mini app'),
    token: mintToken('acme', MINI_SCOPES),
    seed: fc.readConfigureGlobal().seed ?? 1,
    runs: 3,
  });
  return conformanceReport(result, { spec: 'mini.openapi.yaml', target: 'mini app' });
}

describe('runConformance on the mini app (real HTTP via supertest)', () => {
  it('the honest app passes every check and every check ran', async () => {
    const report = await run();
    expect(report.findings).toEqual([]);
    expect(report.pass).toBe(true);
    expect(report.checks?.filter((c) => c.skipped).map((c) => c.id)).toEqual([]);
  });

  it.each([
    ['honest', { given: [] as MiniFault[], want: [] as string[] }],
    [
      'renamed field',
      { given: ['rename-field'] as MiniFault[], want: ['response-schema', 'response-undeclared-property'] },
    ],
  ])('the same API as OAS 3.0 (nullable, draft-07 ajv): %s', async (_name, { given, want }) => {
    const report = await run(given, '3.0');
    expect([...new Set(report.findings.map((f) => f.id))].sort()).toEqual(want);
  });

  it('the JSON report is byte-identical across runs (fresh app, same seed)', async () => {
    const a = renderReport(await run(), 'json', { deterministic: true });
    const b = renderReport(await run(), 'json', { deterministic: true });
    expect(a).toBe(b);
  });

  it.each([
    ['rename-field', { given: ['rename-field'], want: 'response-schema' }],
    ['undeclared-field', { given: ['undeclared-field'], want: 'response-undeclared-property' }],
    ['error-code', { given: ['error-code'], want: 'response-schema' }],
    ['skip-page', { given: ['skip-page'], want: 'pagination-walk' }],
    ['plain-cursor', { given: ['plain-cursor'], want: 'pagination-walk' }],
    ['idem-conflict-200', { given: ['idem-conflict-200'], want: 'idempotency-conflict' }],
    ['no-replay', { given: ['no-replay'], want: 'idempotency-replay' }],
    ['no-signature', { given: ['no-signature'], want: 'signature-header' }],
    ['bad-signature', { given: ['bad-signature'], want: 'signature-header' }],
    ['undocumented-status', { given: ['undocumented-status'], want: 'status-documented' }],
    ['accept-invalid', { given: ['accept-invalid'], want: 'invalid-input-rejected' }],
    ['route-code', { given: ['route-code'], want: 'error-code-stable' }],
    ['wrong-content-type', { given: ['wrong-content-type'], want: 'content-type-documented' }],
    ['no-signature (required header)', { given: ['no-signature'], want: 'required-headers-present' }],
  ] as const)('%s is caught', async (_name, { given, want }) => {
    const report = await run([...given]);
    expect(report.pass).toBe(false);
    expect(report.findings.map((f) => f.id)).toContain(want);
    expect(report.checks?.find((c) => c.id === want)?.pass).toBe(false);
  });
});
