import { groupOf, locationOf } from './group.js';
import type { Report } from './types.js';

export function xmlEscape(s: string): string {
  // Characters XML 1.0 cannot carry at all are dropped; the rest are escaped.
  // eslint-disable-next-line no-control-regex
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** JUnit XML: one testcase per check (when the command lists checks) and one per error finding. */
export function renderJunit(report: Report): string {
  const cases: string[] = [];
  let failures = 0;
  let skipped = 0;
  for (const c of report.checks ?? []) {
    const time = c.durationMs !== undefined ? ` time="${(c.durationMs / 1000).toFixed(3)}"` : '';
    const open = `    <testcase classname="proofgate.${xmlEscape(report.command)}" name="${xmlEscape(`${c.id}: ${c.name}`)}"${time}`;
    if (c.skipped) {
      skipped++;
      cases.push(
        `${open}>\n      <skipped message="${xmlEscape(c.message ?? 'skipped')}"/>\n    </testcase>`,
      );
    } else if (!c.pass) {
      failures++;
      cases.push(`${open}>\n      <failure message="${xmlEscape(c.message ?? 'failed')}"/>\n    </testcase>`);
    } else cases.push(`${open}/>`);
  }
  for (const f of report.findings) {
    if (f.level !== 'error') continue;
    failures++;
    const where = [groupOf(f), locationOf(f)].filter(Boolean).join(' ');
    cases.push(
      `    <testcase classname="proofgate.${xmlEscape(report.command)}" name="${xmlEscape(`${f.id} ${where}`)}">\n` +
        `      <failure type="${xmlEscape(f.id)}" message="${xmlEscape(f.message)}">${xmlEscape(`${f.class ?? f.level}: ${f.message}`)}</failure>\n` +
        `    </testcase>`,
    );
  }
  if (cases.length === 0) {
    cases.push(
      `    <testcase classname="proofgate.${xmlEscape(report.command)}" name="${xmlEscape(report.title)}"/>`,
    );
  }
  // The notes (e.g. conformance's conventions and per-operation coverage) go to the suite's system-out.
  const notes = (report.notes ?? []).filter((n) => n.length > 0);
  const out = notes.length === 0 ? '' : `\n    <system-out>${xmlEscape(notes.join('\n'))}</system-out>`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="proofgate" tests="${cases.length}" failures="${failures}" skipped="${skipped}">\n` +
    `  <testsuite name="proofgate ${xmlEscape(report.command)}" tests="${cases.length}" failures="${failures}" skipped="${skipped}">\n` +
    cases.join('\n') +
    out +
    `\n  </testsuite>\n</testsuites>\n`
  );
}
