import { groupFindings, locationOf } from './group.js';
import type { Report } from './types.js';

const MARK = { error: '✖', warning: '!', info: '·' } as const;

export function renderText(report: Report): string {
  const lines: string[] = [`${report.pass ? 'PASS' : 'FAIL'}  ${report.title}`];
  for (const [group, findings] of groupFindings(report.findings)) {
    lines.push('', group);
    for (const f of findings) {
      const cls = f.class !== undefined ? ` [${f.class}]` : '';
      const loc = locationOf(f);
      lines.push(`  ${MARK[f.level]} ${f.id}${cls}: ${f.message}${loc ? `  (${loc})` : ''}`);
    }
  }
  if (report.checks?.length) {
    const failed = report.checks.filter((c) => !c.pass && !c.skipped).length;
    const skipped = report.checks.filter((c) => c.skipped).length;
    lines.push(
      '',
      `checks: ${report.checks.length - failed - skipped} passed, ${failed} failed, ${skipped} skipped`,
    );
  }
  for (const note of report.notes ?? []) lines.push(note.length ? `note: ${note}` : '');
  return lines.join('\n') + '\n';
}
