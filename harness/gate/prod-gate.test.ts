import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import type { ProofgateConfig } from '../config/index.js';
import { packagePath } from '../paths.js';
import { tempRepo } from '../selection/temp-repo.js';
import { captureContext } from '../testing/capture-context.js';
import { runProdGate } from './run-prod-gate.js';
import { GATE_STAGES } from './stages.js';
import { tempDirs } from '../testing/temp-dirs.js';

const tempDir = tempDirs();

// The real stage table (GATE_STAGES) with proofgate's own stages; the others are skipped with --only.
function workdir() {
  const cwd = tempDir('pg-prod-gate-');
  mkdirSync(join(cwd, 'contracts', 'v1'), { recursive: true });
  writeFileSync(join(cwd, 'contracts', 'v1', 'openapi.yaml'), 'openapi: 3.1.0\n');
  return cwd;
}

async function gate(config: ProofgateConfig, only: string[]) {
  const cwd = workdir();
  const cli = captureContext(cwd);
  const result = await runProdGate({
    cli,
    config: {
      config: { release: { contractsDir: join(cwd, 'contracts') }, ...config },
      file: undefined,
      dir: packagePath(),
    },
    date: '2026-11-21',
    only,
    changelog: false,
  });
  return { ...result, cli, cwd };
}

const env = (name: string) => `fixtures/env/${name}.env`;
const suite = (name: string) => `fixtures/proof-suites/${name}.proof.ts`;

describe('prod-gate with proofgate’s own stages', () => {
  it('passes on a safe env and a stable suite, listing the other stages as skipped', async () => {
    const { report } = await gate(
      { release: { envFile: env('prod-good') }, runner: { always: [suite('stable')] } },
      ['release-check', 'proof-runner'],
    );
    expect(report.pass).toBe(true);
    expect(report.body.passed).toEqual(['release-check', 'proof-runner']);
    expect(report.body.skipped).toEqual([
      'verify-freeze',
      'check-openapi',
      'conformance',
      'rehearse',
      'verify-proofs',
      'rails',
      'release-class',
    ]);
  });

  it.each([
    [
      'an unsafe env file',
      { release: { envFile: env('prod-debug-logging') }, runner: { always: [suite('stable')] } },
      ['release-check'],
      'prod-debug-logging',
    ],
    [
      'a flaky proof suite',
      { release: { envFile: env('prod-good') }, runner: { always: [suite('order-dependent')] } },
      ['proof-runner'],
      'proof-flaky',
    ],
    [
      'an unhandled rejection',
      { release: { envFile: env('prod-good') }, runner: { always: [suite('unhandled-rejection')] } },
      ['proof-runner'],
      'proof-unhandled-error',
    ],
    ['no env file configured', { runner: { always: [suite('stable')] } }, ['release-check'], 'stage-error'],
  ])('%s turns the gate to FAIL naming the stage', async (_n, config, failed, id) => {
    const { report } = await gate(config, ['release-check', 'proof-runner']);
    expect(report.pass).toBe(false);
    expect(report.body.failed).toEqual(failed);
    expect(report.findings.find((f) => f.level === 'error')).toMatchObject({ id, group: failed[0] });
  });

  it.each([
    [
      'a tampered proof',
      () => {
        const dir = tempDir('pg-gate-bundle-');
        cpSync(packagePath('fixtures', 'history', 'small'), dir, { recursive: true });
        const file = join(dir, 'records.jsonl');
        const lines = readFileSync(file, 'utf8').split('\n');
        const r = JSON.parse(lines[7]!) as { seq: number; jws: string };
        const sig = r.jws.slice(r.jws.lastIndexOf('.') + 1);
        const flipped = `${sig.slice(0, 4)}${sig[4] === 'A' ? 'B' : 'A'}${sig.slice(5)}`;
        lines[7] = JSON.stringify({
          seq: r.seq,
          jws: `${r.jws.slice(0, r.jws.lastIndexOf('.') + 1)}${flipped}`,
        });
        writeFileSync(file, lines.join('\n'));
        return { proofs: { bundle: dir } } satisfies ProofgateConfig;
      },
      'verify-proofs',
      'bad-signature',
    ],
    [
      'a broken contract (an operation removed)',
      () => {
        const spec = readFileSync(packagePath('contracts', 'v1', 'openapi.yaml'), 'utf8');
        const candidate = join(tempDir('pg-gate-spec-'), 'openapi.yaml');
        writeFileSync(candidate, spec.replace(/\n {2}\/v1\/keys:\n(?: {4}.*\n|\n)*/, '\n'));
        const openapi = { base: packagePath('contracts', 'v1', 'openapi.yaml'), candidate };
        return { openapi } satisfies ProofgateConfig;
      },
      'check-openapi',
      'api-path-removed-without-deprecation',
    ],
  ] as const)('%s turns the gate to FAIL naming the stage', async (_n, config, stage, id) => {
    const { report } = await gate(config(), [stage]);
    expect(report.pass).toBe(false);
    expect(report.body.failed).toEqual([stage]);
    expect(report.findings.find((f) => f.level === 'error')).toMatchObject({ id, group: stage });
  });

  it('a stage whose command is not registered is FAIL "not implemented", never skipped', async () => {
    const cwd = workdir();
    const stages = GATE_STAGES.map((s) => (s.id === 'rails' ? { ...s, command: 'not-yet-registered' } : s));
    const r = await runProdGate({
      cli: captureContext(cwd),
      config: { config: {}, file: undefined, dir: cwd },
      date: '2026-11-21',
      only: ['rails'],
      changelog: false,
      stages,
    });
    expect(r.outcomes.find((o) => o.id === 'rails')).toMatchObject({
      status: 'fail',
      reason: 'not implemented (command `not-yet-registered` is not registered)',
    });
    expect(r.report.findings.map((f) => f.id)).toEqual(['stage-not-implemented']);
  });

  it('release-class runs with --from and is skipped (listed, with the reason) without it', async () => {
    const repo = tempRepo('pg-gate-class-');
    const from = repo.commit('r1', {
      'src/a.ts': '1\n',
      'CHANGELOG.md': '# c\n',
      'docs/rollback.md': 'redeploy r1\n',
    });
    repo.commit('fix: a', { 'src/a.ts': '2\n', 'CHANGELOG.md': '# c\n## 1.0.1\n' }); // fix without a test
    const cli = captureContext(repo.dir);
    const loaded = { config: {}, file: undefined, dir: repo.dir };
    const r = await runProdGate({
      cli,
      config: loaded,
      date: '2026-11-21',
      only: ['release-class'],
      from,
      changelog: false,
      outDir: join(workdir(), 'out'),
    });
    expect(r.report.pass).toBe(false);
    expect(r.report.findings.filter((f) => f.level === 'error').map((f) => f.id)).toEqual([
      'class-api-verdict-unknown',
      'gate-regression-test-missing',
    ]);
    const none = await runProdGate({
      cli,
      config: loaded,
      date: '2026-11-21',
      only: ['release-class'],
      changelog: false,
      outDir: join(workdir(), 'out'),
    });
    expect(none.outcomes.find((o) => o.id === 'release-class')).toMatchObject({
      status: 'skipped',
      reason: 'no base ref: pass --from REF (or set gate.from) to class the release',
    });
    expect(none.report.pass).toBe(false); // everything skipped: nothing verified
    repo.remove();
  });
});

describe('proofgate prod-gate (CLI)', () => {
  function cliDir(envFile: string) {
    const cwd = workdir();
    writeFileSync(
      join(cwd, 'proofgate.config.json'),
      JSON.stringify({ release: { envFile: packagePath('fixtures', 'env', `${envFile}.env`) } }),
    );
    return cwd;
  }

  it('exit 0, release folder and dated changelog entry', async () => {
    const cwd = cliDir('prod-good');
    const ctx = captureContext(cwd);
    const code = await main(
      ['prod-gate', '--only', 'release-check', '--date', '2026-11-21', '--format', 'json'],
      ctx,
    );
    expect(code).toBe(0);
    const json = JSON.parse(ctx.stdoutText()) as { verdict: string; digest: string };
    expect(json.verdict).toBe('PASS');
    expect(readFileSync(join(cwd, 'proofgate-release', 'report.json'), 'utf8')).toBe(
      ctx.stdoutText().replace(/,\n {2}"timings": \{[^}]*\}/, ''),
    );
    expect(readFileSync(join(cwd, 'OPERATIONS_CHANGELOG.md'), 'utf8')).toContain(
      `## 2026-11-21 — prod-gate PASS\n\n- report digest: \`${json.digest}\`\n- code: \`4f6c2a9e1b7d3c5a8e0f2b4d6a8c0e2f4b6d8a0c\``,
    );
  });

  it('exit 1 on an unsafe env, naming release-check', async () => {
    const cwd = cliDir('prod-auto-create-schema');
    const ctx = captureContext(cwd);
    expect(await main(['prod-gate', '--only', 'release-check', '--no-changelog'], ctx)).toBe(1);
    expect(ctx.stdoutText()).toContain('FAIL  prod-gate: 1 stage failed (release-check)');
    expect(ctx.stdoutText()).toContain('prod-auto-create-schema');
    expect(existsSync(join(cwd, 'OPERATIONS_CHANGELOG.md'))).toBe(false);
  });

  it.each([
    [['--date', '21/11/2026'], 'ERR_USAGE'],
    [['--only', 'nope'], 'ERR_USAGE'],
    [['--changelog', 'x.md', '--no-changelog'], 'ERR_USAGE'],
    [['--bogus'], 'ERR_USAGE'],
  ])('%j exits 2 (%s)', async (args, code) => {
    const ctx = captureContext(cliDir('prod-good'));
    expect(await main(['prod-gate', ...args], ctx)).toBe(2);
    expect(ctx.stderrText()).toContain(code);
  });
});
