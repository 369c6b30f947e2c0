import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { distModule, packagePath } from '../paths.js';
import { runnerReport } from './runner-report.js';
import { runProofSuites } from './run-proof-suites.js';

// The fixture suites are *.proof.ts, outside the project's own `npm test` globs: they run only here.
const root = packagePath();
const suite = (name: string) => `fixtures/proof-suites/${name}.proof.ts`;
const run = async (files: string[], extra: object = {}) => {
  const result = await runProofSuites({ root, files, ...extra });
  return { result, report: runnerReport(result) };
};

describe('proof runner (vitest node API, shuffled, seeded)', () => {
  it('passes a stable suite, run twice with two seeds', async () => {
    const { result, report } = await run([suite('stable')]);
    expect(report.pass).toBe(true);
    expect(result.runs.map((r) => r.seed)).toEqual([20261121, 20261124]);
    expect(result.tests.map((t) => [t.name, t.outcomes, t.verdict])).toEqual([
      ['stable > adds', ['passed', 'passed'], 'pass'],
      ['stable > concatenates', ['passed', 'passed'], 'pass'],
      ['stable > sorts', ['passed', 'passed'], 'pass'],
    ]);
  });

  it('reports an order-dependent test as FLAKY, naming it and the seeds', async () => {
    const { result, report } = await run([suite('order-dependent'), suite('stable')]);
    expect(report.pass).toBe(false);
    expect(result.ordersDiffered).toBe(true);
    const flaky = report.findings.filter((f) => f.id === 'proof-flaky');
    expect(flaky).toHaveLength(1);
    expect(flaky[0]!.message).toMatch(
      /^FLAKY: "order-dependent > reads" was (passed|failed) \(seed 20261121\), (passed|failed) \(seed 20261124\)/,
    );
    expect(flaky[0]!.file).toBe(suite('order-dependent'));
  });

  it('fails on an unhandled rejection even though every test passed', async () => {
    const { result, report } = await run([suite('unhandled-rejection')]);
    expect(result.tests.every((t) => t.verdict === 'pass')).toBe(true);
    expect(report.pass).toBe(false);
    expect(report.findings.map((f) => f.id)).toEqual(['proof-unhandled-error', 'proof-unhandled-error']);
    expect(report.findings[0]!.message).toContain('leaked rejection from a proof suite');
  });

  it('fails on a process warning raised in a test worker (a listener leak)', async () => {
    const { report } = await run([suite('listener-leak')]);
    expect(report.findings.map((f) => f.id)).toEqual(['proof-warning', 'proof-warning']);
    expect(report.findings[0]!.message).toContain(
      'MaxListenersExceededWarning: Possible EventEmitter memory leak detected',
    );
    const allowed = await run([suite('listener-leak')], { allowWarnings: ['MaxListenersExceededWarning'] });
    expect(allowed.report.pass).toBe(true);
  });

  it('a warning is reported once, as a finding, and not also printed raw by the test worker', async () => {
    // In a process of its own, so the test workers' stderr (inherited) can be read.
    const script = `
      const { runProofSuites, runnerReport } = await import(process.env.RUNNER);
      const r = runnerReport(await runProofSuites({ root: process.env.ROOT, files: [process.env.SUITE] }));
      process.stdout.write(JSON.stringify(r.findings.map((f) => f.id)));`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      env: {
        ...process.env,
        RUNNER: distModule('runner/index.ts').href,
        ROOT: root,
        SUITE: suite('listener-leak'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(code, err).toBe(0);
    expect(JSON.parse(out)).toEqual(['proof-warning', 'proof-warning']);
    expect(err).not.toContain('MaxListenersExceededWarning');
  });

  it('a consistent failure is proof-failed, not flaky', async () => {
    const { report } = await run([suite('always-failing')]);
    expect(report.findings.map((f) => f.id)).toEqual(['proof-failed']);
  });

  it('adds runs when the seeds gave the same order, and warns if they never differ', async () => {
    // Seeds 1 and 2 both run `writes` first: a third seed is tried.
    const { result } = await run([suite('order-dependent')], { seeds: [1, 2, 3], maxExtraRuns: 1 });
    expect(result.runs.map((r) => r.seed)).toEqual([1, 2, 3]);
    expect(result.ordersDiffered).toBe(true);
    const { report } = await run([suite('order-dependent')], { seeds: [1, 2], maxExtraRuns: 0 });
    // Same order twice: `reads` fails consistently (proof-failed), and the runner says order was not exercised.
    expect(report.findings.map((f) => [f.id, f.level])).toEqual([
      ['proof-failed', 'error'],
      ['proof-order-unvaried', 'warning'],
    ]);
  });

  it('gives the same report body on two runs with the same seeds', async () => {
    const a = await run([suite('order-dependent'), suite('stable')]);
    const b = await run([suite('order-dependent'), suite('stable')]);
    expect(JSON.stringify(b.report.body)).toBe(JSON.stringify(a.report.body));
  });

  it.each([
    ['one run', { runs: 1 }, [suite('stable')], 'ERR_USAGE'],
    ['no files', {}, [], 'ERR_USAGE'],
    ['missing file', {}, ['fixtures/proof-suites/nope.proof.ts'], 'ERR_INPUT'],
  ])('%s is refused (%s)', async (_n, extra, files, code) => {
    await expect(runProofSuites({ root, files, ...extra })).rejects.toMatchObject({ code });
  });
});
