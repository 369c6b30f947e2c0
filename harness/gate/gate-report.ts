import type { CheckResult, Finding, Report } from '../report/types.js';
import { plural } from '../report/plural.js';
import type { StageOutcome } from './types.js';

/** Most findings carried per stage into the gate report (the stage's own JSON has them all). */
export const MAX_FINDINGS_PER_STAGE = 50;

/**
 * The one PASS/FAIL of prod-gate: PASS only when every stage that was not explicitly skipped
 * passed and at least one stage ran. The body holds no time: same inputs, same digest.
 */
export function gateReport(outcomes: readonly StageOutcome[]): Report {
  const ran = outcomes.filter((o) => o.status !== 'skipped');
  const failed = outcomes.filter((o) => o.status === 'fail');
  const skipped = outcomes.filter((o) => o.status === 'skipped');
  const findings: Finding[] = [];
  if (ran.length === 0) {
    findings.push({
      id: 'gate-nothing-verified',
      level: 'error',
      group: 'prod-gate',
      message: 'every stage was skipped: a gate that verified nothing is not a PASS',
    });
  }
  for (const o of outcomes) {
    if (o.status === 'skipped') continue;
    const own = (o.report?.findings ?? []).filter((f) => f.level !== 'info');
    for (const f of own.slice(0, MAX_FINDINGS_PER_STAGE)) findings.push({ ...f, group: o.id });
    if (own.length > MAX_FINDINGS_PER_STAGE) {
      findings.push({
        id: 'stage-findings-truncated',
        level: 'info',
        group: o.id,
        message: `${own.length - MAX_FINDINGS_PER_STAGE} more finding(s) in stages/${o.id}.json`,
      });
    }
    if (o.status === 'fail' && !own.some((f) => f.level === 'error')) {
      const notImpl = o.reason?.startsWith('not implemented') === true;
      findings.push({
        id: notImpl
          ? 'stage-not-implemented'
          : o.reason?.startsWith('stage-error')
            ? 'stage-error'
            : 'stage-failed',
        level: 'error',
        group: o.id,
        // The group names the stage; a stage error's reason already says it is one.
        message: (o.reason ?? 'failed').replace(/^stage-error /, ''),
      });
    }
  }
  const pass = ran.length > 0 && failed.length === 0;
  const checks: CheckResult[] = outcomes.map((o) => ({
    id: o.id,
    name: o.title,
    pass: o.status === 'pass',
    ...(o.status === 'skipped' ? { skipped: true } : {}),
    ...(o.reason === undefined ? {} : { message: o.reason }),
    ...(o.status === 'skipped' ? {} : { durationMs: o.durationMs }),
  }));
  // No verdict word: every format prints the verdict itself (text `PASS  …`, Markdown heading).
  const list = (os: readonly StageOutcome[]) => os.map((o) => o.id).join(', ');
  const title = [
    failed.length ? `${plural(failed.length, 'stage')} failed (${list(failed)})` : undefined,
    ran.length - failed.length > 0 || ran.length === 0
      ? `${plural(ran.length - failed.length, 'stage')} passed`
      : undefined,
    skipped.length ? `${skipped.length} skipped (${list(skipped)})` : undefined,
  ]
    .filter((p) => p !== undefined)
    .join(', ');
  const verdictTitle = `prod-gate: ${ran.length === 0 ? 'nothing verified: ' : ''}${title}`;
  return {
    command: 'prod-gate',
    title: verdictTitle,
    pass,
    body: {
      verdict: pass ? 'PASS' : 'FAIL',
      stages: outcomes.map((o) => ({
        id: o.id,
        title: o.title,
        status: o.status,
        ...(o.reason === undefined ? {} : { reason: o.reason }),
        ...(o.digest === undefined ? {} : { digest: o.digest }),
        ...(o.report === undefined ? {} : { stageTitle: o.report.title }),
      })),
      passed: outcomes.filter((o) => o.status === 'pass').map((o) => o.id),
      failed: failed.map((o) => o.id),
      skipped: skipped.map((o) => o.id),
      findings: findings.map((f) => ({ ...f })),
    },
    findings,
    checks,
    // What the verdict rests on: each passed stage's claim, then what was not checked and why.
    notes: [
      ...outcomes.filter((o) => o.status === 'pass').map((o) => `proven: ${o.title} (${o.id})`),
      ...skipped.map((o) =>
        o.reason?.startsWith('not applicable: ')
          ? `stage ${o.id} NOT APPLICABLE (${o.reason.slice('not applicable: '.length)}): nothing proven about it`
          : `stage ${o.id} SKIPPED (${o.reason ?? 'skipped'}): it verified nothing`,
      ),
    ],
    timings: Object.fromEntries(
      outcomes.filter((o) => o.status !== 'skipped').map((o) => [o.id, o.durationMs]),
    ),
  };
}
