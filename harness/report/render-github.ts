import { groupOf, locationOf } from './group.js';
import type { Report } from './types.js';

// GitHub workflow commands: data escapes %, CR, LF; property values also escape ':' and ','.
export function ghData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
export function ghProp(s: string): string {
  return ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub annotations; GitHub shows at most 10 error annotations a step, so the rest are summed up. */
export const GITHUB_MAX_ERRORS = 10;

export function renderGithub(report: Report): string {
  const lines: string[] = [];
  const errors = report.findings.filter((f) => f.level === 'error');
  for (const f of errors.slice(0, GITHUB_MAX_ERRORS)) lines.push(annotation('error', f.id, report, f));
  for (const f of report.findings.filter((f) => f.level === 'warning').slice(0, GITHUB_MAX_ERRORS)) {
    lines.push(annotation('warning', f.id, report, f));
  }
  const more = errors.length - GITHUB_MAX_ERRORS;
  const summary = `${report.pass ? 'PASS' : 'FAIL'}: ${report.title}${more > 0 ? ` (${more} more errors not annotated; see the JSON or Markdown report)` : ''}`;
  lines.push(
    `::${report.pass ? 'notice' : 'error'} title=${ghProp(`proofgate ${report.command}`)}::${ghData(summary)}`,
  );
  return lines.join('\n') + '\n';
}

function annotation(
  kind: 'error' | 'warning',
  id: string,
  report: Report,
  f: Report['findings'][number],
): string {
  const props = [`title=${ghProp(`${id} (${groupOf(f)})`)}`];
  if (f.file !== undefined) props.unshift(`file=${ghProp(f.file)}`);
  const loc = locationOf(f);
  return `::${kind} ${props.join(',')}::${ghData(`${f.message}${loc ? ` [${loc}]` : ''}`)}`;
}
