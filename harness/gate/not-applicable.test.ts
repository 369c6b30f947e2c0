import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../report/types.js';
import { captureContext } from '../testing/capture-context.js';
import { runProdGate, type StageSpec } from './index.js';
import { tempDirs } from '../testing/temp-dirs.js';

const tempDir = tempDirs();

const passing = (id: string): StageSpec => ({
  id,
  title: `${id} holds`,
  load: async () => ({
    id,
    title: id,
    run: async (): Promise<Report> => ({
      command: id,
      title: 'ok',
      pass: true,
      body: { verdict: 'PASS' },
      findings: [],
    }),
  }),
});
const STAGES = [passing('conformance'), passing('rehearse'), passing('verify-proofs')];

async function gate(stages: Record<string, unknown>) {
  const cwd = tempDir('pg-gate-na-');
  return runProdGate({
    cli: captureContext(cwd, {}),
    config: { config: { gate: { stages } }, file: undefined, dir: cwd },
    date: '2026-11-21',
    stages: STAGES,
    changelog: false,
  });
}

describe('prod-gate: stages configured not applicable (gate.stages.<id>.notApplicable)', () => {
  it('are reported as not applicable with their reason, and the verdict says what was proven', async () => {
    const { report, outcomes } = await gate({
      rehearse: { notApplicable: 'the billing service has no database' },
      'verify-proofs': { notApplicable: 'the service keeps no signed ledger' },
    });
    expect(outcomes.map((o) => [o.id, o.status, o.reason ?? ''])).toEqual([
      ['conformance', 'pass', ''],
      ['rehearse', 'skipped', 'not applicable: the billing service has no database'],
      ['verify-proofs', 'skipped', 'not applicable: the service keeps no signed ledger'],
    ]);
    expect(report.pass).toBe(true);
    expect(report.body.passed).toEqual(['conformance']);
    expect(report.checks?.find((c) => c.id === 'rehearse')).toMatchObject({ pass: false, skipped: true });
    expect(report.notes).toEqual([
      'proven: conformance holds (conformance)',
      'stage rehearse NOT APPLICABLE (the billing service has no database): nothing proven about it',
      'stage verify-proofs NOT APPLICABLE (the service keeps no signed ledger): nothing proven about it',
    ]);
  });

  it('every stage not applicable is a FAIL: nothing was verified', async () => {
    const na = { notApplicable: 'n/a' };
    const { report } = await gate({ conformance: na, rehearse: na, 'verify-proofs': na });
    expect(report.pass).toBe(false);
    expect(report.findings.map((f) => f.id)).toEqual(['gate-nothing-verified']);
  });

  it('a notApplicable without a reason is exit 2', async () => {
    await expect(gate({ rehearse: { notApplicable: ' ' } })).rejects.toMatchObject({ code: 'ERR_CONFIG' });
  });
});
