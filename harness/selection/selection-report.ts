import type { Finding, Report } from '../report/types.js';
import type { Selection } from './types.js';

/** The `select-proofs` report: PASS with the selected suites, FAIL when `unmatched: 'fail'` applies. */
export function selectionReport(sel: Selection): Report {
  const findings: Finding[] = [];
  for (const p of sel.unmatched ?? []) {
    findings.push({
      id: 'selection-unmatched',
      level: 'error',
      file: p,
      message: `no proof suite covers the change to ${p} (selection.unmatched is 'fail'): add a suite rule`,
    });
  }
  if (sel.suites.length === 0 && sel.none === undefined && sel.unmatched === undefined) {
    findings.push({
      id: 'selection-no-rules',
      level: 'error',
      message:
        'the change touches code, config, policy or schema but no proof suite is configured (selection.suites): nothing would be proven',
    });
  }
  for (const s of sel.suites) {
    if (s.files.length === 0)
      findings.push({
        id: 'selection-suite-empty',
        level: 'error',
        group: s.name,
        message: `suite ${s.name} is selected but its files globs match no file`,
      });
    else
      findings.push({
        id: 'selection-suite',
        level: 'info',
        group: s.name,
        message: `${s.name}: ${s.files.length} file(s); ${s.reasons.join('; ')}`,
      });
  }
  const pass = !findings.some((f) => f.level === 'error');
  const what = sel.suites.length
    ? `${sel.suites.length} suite(s): ${sel.suites.map((s) => s.name).join(', ')}`
    : (sel.none ?? 'no suite');
  return {
    command: 'select-proofs',
    title: `Proof selection ${sel.from}..${sel.to}: ${what}`,
    pass,
    body: { verdict: pass ? 'PASS' : 'FAIL', ...sel },
    findings,
    notes: sel.none === undefined ? [] : [sel.none],
  };
}
