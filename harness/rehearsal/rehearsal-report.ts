import type { CheckResult, Report } from '../report/index.js';
import type { VerifyReportBody } from '../verify/index.js';
import type { RehearsalState } from './rehearse.js';
import { rel } from './rehearse.js';

const verifySummary = (b: VerifyReportBody | null) =>
  b === null
    ? null
    : {
        treeSize: b.treeSize,
        verificationDigest: b.verificationDigest,
        keyBindingDigest: b.keyBindingDigest,
        keys: b.keys.map((k) => k.kid),
        anchors: b.anchors,
        contentRoots: b.contentRoots.length,
        failuresTotal: b.failuresTotal,
      };

/** The rehearsal in the shared report model: the body is deterministic (no times, no URLs). */
export function rehearsalReport(state: RehearsalState): Report {
  const { base, candidate } = state;
  const failed = state.steps.find((s) => s.status === 'fail');
  const ran = state.steps.filter((s) => s.status === 'pass').length;
  // Fail closed: PASS needs every step to have run and passed.
  const pass =
    failed === undefined &&
    ran === state.steps.length &&
    state.steps.length > 0 &&
    !state.findings.some((f) => f.level === 'error');
  const release = (r: typeof base, label: string | undefined) => ({
    version: r.artifact.version,
    class: r.artifact.class ?? null,
    driver: r.driver.driver,
    expectedHead: r.artifact.expected_alembic_head,
    dir: label ?? rel(state.cwd, r.dir),
  });
  const h = state.history;
  const history =
    'bundle' in h
      ? { source: 'bundle', bundle: rel(state.cwd, h.bundle) }
      : 'restore' in h
        ? { source: 'restore', dump: rel(state.cwd, h.restore), format: h.format }
        : { source: 'generated', records: h.generate, seed: h.seed ?? null };
  const stepChecks: CheckResult[] = state.steps.map((s) => ({
    id: s.id,
    name: s.title,
    pass: s.status !== 'fail',
    ...(s.status === 'skipped' ? { skipped: true } : {}),
    message: s.summary,
  }));
  const notes = [
    state.database === null
      ? 'database: not provisioned'
      : `database: ${state.database.provider} PostgreSQL ${state.database.serverVersion} (target major ${state.database.targetMajor})`,
    ...state.steps.map((s) => `${s.status.toUpperCase().padEnd(7)} ${s.id}: ${s.summary}`),
  ];
  return {
    command: 'rehearse',
    title: `Upgrade rehearsal ${base.artifact.version} → ${candidate.artifact.version}: ${
      pass ? 'PASS' : `FAIL at ${failed?.id ?? 'an unfinished step'}${failed ? ` (${failed.summary})` : ''}`
    }`,
    pass,
    body: {
      command: 'rehearse',
      verdict: pass ? 'PASS' : 'FAIL',
      base: release(base, state.labels.base),
      candidate: release(candidate, state.labels.candidate),
      lockFile: state.lockFile ?? null,
      database: state.database,
      history: { ...history, loaded: state.loaded },
      steps: state.steps.map((s) => ({ id: s.id, status: s.status, summary: s.summary })),
      failedStep: failed?.id ?? null,
      baseHeads: state.baseHeads,
      candidateHeads: state.candidateHeads,
      schemaDigest: state.schemaDigest,
      baseline: verifySummary(state.baseline),
      after: verifySummary(state.after),
      service: state.service?.body ?? null,
      findings: state.findings,
    },
    findings: state.findings,
    checks: [...stepChecks, ...state.checks],
    notes,
    timings: Object.fromEntries(Object.entries(state.timings).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
}
