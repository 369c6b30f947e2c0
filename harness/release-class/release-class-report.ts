import type { Finding, Report } from '../report/types.js';
import type { ReleaseClassResult } from './classify-release.js';

const FAIL_IDS: Record<string, string> = {
  'gate-changelog': 'gate-changelog-missing',
  'gate-rollback-plan': 'gate-rollback-plan-missing',
  'gate-regression-test': 'gate-regression-test-missing',
  'gate-migration-tests': 'gate-migration-tests-missing',
};

/** The release-class report: the class, why, and each gate; FAIL when a gate failed or the API verdict is unknown. */
export function releaseClassReport(r: ReleaseClassResult, apiNote?: string): Report {
  const findings: Finding[] = [];
  if (r.apiVerdict === null) {
    findings.push({
      id: 'class-api-verdict-unknown',
      level: 'error',
      message: `the API verdict is unknown, so the class cannot be derived: ${apiNote ?? 'configure openapi.base and openapi.candidate'}`,
    });
  }
  for (const g of r.gates) {
    if (g.pass) continue;
    const items = g.items?.length ? `: ${g.items.join('; ')}` : '';
    findings.push({
      id: FAIL_IDS[g.id] ?? `${g.id}-failed`,
      level: 'error',
      group: g.id,
      message: `${g.message}${items}`,
    });
  }
  for (const d of r.destructive)
    findings.push({ id: d.id, level: 'info', file: d.file, group: 'destructive migration', message: d.line });
  const pass = !findings.some((f) => f.level === 'error');
  return {
    command: 'release-class',
    title: `Release class: ${r.class} (${r.from}..${r.to})${
      pass
        ? ''
        : `; failed: ${findings
            .filter((f) => f.level === 'error')
            .map((f) => f.id)
            .join(', ')}`
    }`,
    pass,
    body: { verdict: pass ? 'PASS' : 'FAIL', ...r },
    findings,
    checks: r.gates.map((g) => ({
      id: g.id,
      name: g.message,
      pass: g.pass,
      ...(g.notApplicable ? { skipped: true, message: g.message } : {}),
    })),
    notes: r.reasons,
  };
}
