import type { Finding, Report } from '../report/types.js';
import type { RunnerResult } from './types.js';

/**
 * The proof-runner report. FAIL on: a flaky test (outcome differs between runs), a test that
 * failed in every run, an unhandled error, a file that failed to load, or no test at all.
 */
export function runnerReport(r: RunnerResult, suites: readonly string[] = []): Report {
  const findings: Finding[] = [];
  for (const t of r.tests) {
    if (t.verdict === 'flaky') {
      findings.push({
        id: 'proof-flaky',
        level: 'error',
        file: t.file,
        group: t.file,
        message: `FLAKY: "${t.name}" was ${t.outcomes.map((o, i) => `${o} (seed ${r.runs[i]!.seed})`).join(', ')}${t.error ? `; ${t.error}` : ''}`,
      });
    } else if (t.verdict === 'fail') {
      findings.push({
        id: 'proof-failed',
        level: 'error',
        file: t.file,
        group: t.file,
        message: `"${t.name}" failed in every run: ${t.error ?? 'no message'}`,
      });
    }
  }
  for (const e of r.unhandledErrors) {
    findings.push({
      id: 'proof-unhandled-error',
      level: 'error',
      message: `run ${e.run + 1} (seed ${r.runs[e.run]!.seed}): unhandled error: ${e.message}`,
    });
  }
  for (const w of r.warnings) {
    findings.push({
      id: 'proof-warning',
      level: 'error',
      message: `run ${w.run + 1} (seed ${r.runs[w.run]!.seed}): process warning: ${w.message}`,
    });
  }
  for (const e of r.moduleErrors) {
    findings.push({
      id: 'proof-module-error',
      level: 'error',
      file: e.file,
      group: e.file,
      message: `run ${e.run + 1}: ${e.message}`,
    });
  }
  const ran = r.tests.filter((t) => t.verdict !== 'skipped').length;
  if (ran === 0)
    findings.push({
      id: 'proof-no-tests',
      level: 'error',
      message: 'the selected suites contain no test that ran: nothing was proven',
    });
  if (!r.ordersDiffered && Object.values(r.runs[0]?.order ?? {}).some((o) => o.length > 1)) {
    findings.push({
      id: 'proof-order-unvaried',
      level: 'warning',
      message:
        'every run executed the tests in the same order (seeds gave the same shuffle): order-dependence was not exercised',
    });
  }
  const pass = !findings.some((f) => f.level === 'error');
  const flaky = r.tests.filter((t) => t.verdict === 'flaky').length;
  return {
    command: 'proof-runner',
    title: `Proof runner: ${r.tests.length} test(s) in ${r.files.length} file(s), ${r.runs.length} shuffled runs (seeds ${r.runs.map((x) => x.seed).join(', ')})${flaky ? `, ${flaky} FLAKY` : ''}`,
    pass,
    body: { verdict: pass ? 'PASS' : 'FAIL', suites: [...suites], ...r },
    findings,
    checks: r.tests.map((t) => ({
      id: 'proof-test',
      name: `${t.file} > ${t.name}`,
      pass: t.verdict === 'pass' || t.verdict === 'skipped',
      ...(t.verdict === 'skipped' ? { skipped: true } : {}),
      ...(t.verdict === 'pass' || t.verdict === 'skipped'
        ? {}
        : { message: `${t.verdict}: ${t.outcomes.join(', ')}` }),
    })),
  };
}
