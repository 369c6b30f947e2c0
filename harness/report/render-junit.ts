import { groupOf, locationOf, operationOf } from './group.js';
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

/**
 * JUnit XML as Jenkins' and GitLab's parsers read it (validated in tests against the common
 * jenkins-junit.xsd): one testcase per check (when the command lists checks) and one per error
 * finding; `errors` on every suite, `skipped` only on `<testsuite>`; testcase names are unique
 * (CI UIs merge equal names) and keep the method, path and pointer of what they are about.
 */
export function renderJunit(report: Report): string {
  const cases: string[] = [];
  const names = new Map<string, number>();
  const unique = (name: string): string => {
    const n = (names.get(name) ?? 0) + 1;
    names.set(name, n);
    return n === 1 ? name : `${name} (${n})`;
  };
  const classname = `proofgate.${xmlEscape(report.command)}`;
  let failures = 0;
  let skipped = 0;
  for (const c of report.checks ?? []) {
    const time = c.durationMs !== undefined ? ` time="${(c.durationMs / 1000).toFixed(3)}"` : '';
    const open = `    <testcase classname="${classname}" name="${xmlEscape(unique(`${c.id}: ${c.name}`))}"${time}`;
    if (c.skipped) {
      skipped++;
      cases.push(`${open}>\n      <skipped>${xmlEscape(c.message ?? 'skipped')}</skipped>\n    </testcase>`);
    } else if (!c.pass) {
      failures++;
      cases.push(`${open}>\n      <failure message="${xmlEscape(c.message ?? 'failed')}"/>\n    </testcase>`);
    } else cases.push(`${open}/>`);
  }
  for (const f of report.findings) {
    if (f.level !== 'error') continue;
    failures++;
    // The operation stays in the name even where the group is a gate stage.
    const op = operationOf(f);
    const group = groupOf(f);
    const where = [group !== op ? group : undefined, op, locationOf(f)].filter(Boolean).join(' ');
    cases.push(
      `    <testcase classname="${classname}" name="${xmlEscape(unique(`${f.id} ${where}`.trim()))}">\n` +
        `      <failure type="${xmlEscape(f.id)}" message="${xmlEscape(f.message)}">${xmlEscape(`${f.class ?? f.level}: ${f.message}`)}</failure>\n` +
        `    </testcase>`,
    );
  }
  if (cases.length === 0) {
    cases.push(`    <testcase classname="${classname}" name="${xmlEscape(report.title)}"/>`);
  }
  const n = cases.length;
  // The notes (e.g. conformance's conventions and per-operation coverage) go to the suite's system-out.
  const notes = (report.notes ?? []).filter((line) => line.length > 0);
  const out = notes.length === 0 ? '' : `\n    <system-out>${xmlEscape(notes.join('\n'))}</system-out>`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="proofgate" tests="${n}" failures="${failures}" errors="0">\n` +
    `  <testsuite name="proofgate ${xmlEscape(report.command)}" tests="${n}" failures="${failures}" errors="0" skipped="${skipped}">\n` +
    cases.join('\n') +
    out +
    `\n  </testsuite>\n</testsuites>\n`
  );
}
