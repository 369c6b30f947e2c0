import { cpSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { packagePath } from '../paths.js';
import { tempRepo } from '../selection/temp-repo.js';
import { captureContext } from '../testing/capture-context.js';

// `npx proofgate prod-gate --from origin/main` (the README's CI command) on a repository with
// proofgate's own config, CHANGELOG.md, rollback plan, contract and proof suite: the stages that
// read the refs. (The service stages have their own tests and do not depend on --from.)
const STAGES = 'verify-freeze,check-openapi,proof-runner,release-class';
const OWN = [
  'proofgate.config.mjs',
  'CHANGELOG.md',
  'docs/rollback.md',
  'contracts/v1',
  'fixtures/service/openapi.yaml',
  'fixtures/proof-suites/stable.proof.ts',
];

const repo = tempRepo('pg-own-');
afterAll(() => repo.remove());
for (const f of OWN) cpSync(packagePath(f), join(repo.dir, f), { recursive: true });
symlinkSync(packagePath('node_modules'), join(repo.dir, 'node_modules'), 'dir'); // vitest for the suite
const base = repo.commit('r1', { '.gitignore': 'node_modules\nproofgate-release/\n' });

async function gate(): Promise<{ code: number; report: GateJson; err: string }> {
  repo.git('update-ref', 'refs/remotes/origin/main', base);
  const ctx = captureContext(repo.dir);
  const code = await main(
    [
      'prod-gate',
      '--from',
      'origin/main',
      '--only',
      STAGES,
      '--no-changelog',
      '--date',
      '2026-11-21',
      '--format',
      'json',
    ],
    ctx,
  );
  return { code, report: JSON.parse(ctx.stdoutText()) as GateJson, err: ctx.stderrText() };
}
interface GateJson {
  verdict: string;
  stages: { id: string; status: string; reason?: string }[];
  findings: { id: string; level: string }[];
}
const status = (r: GateJson) => Object.fromEntries(r.stages.map((s) => [s.id, s.status]));

describe('prod-gate --from origin/main on proofgate’s own repository', () => {
  it('origin/main is HEAD: nothing to class (release-class not applicable), the gate passes', async () => {
    const r = await gate();
    expect(r.code).toBe(0);
    expect(r.report.stages.find((s) => s.id === 'release-class')).toMatchObject({
      status: 'skipped',
      reason: 'not applicable: nothing changed between origin/main and HEAD: no release to class',
    });
    expect(r.report.findings.filter((f) => f.level !== 'info')).toEqual([]);
  });

  it('a pull request with a CHANGELOG entry passes every stage, with no warning', async () => {
    repo.commit('feat: a new rule', {
      'harness/rules/new-rule.ts': 'export const rule = 1;\n',
      'CHANGELOG.md': readFileSync(join(repo.dir, 'CHANGELOG.md'), 'utf8').replace(
        '### Added\n',
        '### Added\n\n- a new rule.\n',
      ),
    });
    const r = await gate();
    expect(r.report.findings.filter((f) => f.level !== 'info')).toEqual([]);
    expect(status(r.report)).toMatchObject({
      'verify-freeze': 'pass',
      'check-openapi': 'pass',
      'proof-runner': 'pass',
      'release-class': 'pass',
    });
    expect(r.code).toBe(0);
  });

  it('a pull request without a CHANGELOG entry fails release-class (the gate is not vacuous)', async () => {
    repo.commit('feat: another rule', { 'harness/rules/other-rule.ts': 'export const other = 2;\n' });
    repo.git('update-ref', 'refs/remotes/origin/main', repo.git('rev-parse', 'HEAD~1'));
    const ctx = captureContext(repo.dir);
    const code = await main(
      ['prod-gate', '--from', 'origin/main', '--only', 'release-class', '--no-changelog', '--format', 'json'],
      ctx,
    );
    expect(code).toBe(1);
    expect(ctx.stdoutText()).toContain('gate-changelog-missing');
  });
});
