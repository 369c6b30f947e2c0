import { groupOf, locationOf } from './group.js';
import type { Report } from './types.js';

// GitHub workflow commands: data escapes %, CR, LF; property values also escape ':' and ','.
export function ghData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
export function ghProp(s: string): string {
  return ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub shows at most 10 error and 10 warning annotations a step and drops the rest: the summary
 * line counts as one of them when the run FAILs, so at most 9 findings are annotated beside it.
 */
export const GITHUB_MAX_ERRORS = 10;
export const GITHUB_MAX_WARNINGS = 10;

export function renderGithub(report: Report): string {
  const lines: string[] = [];
  const errors = report.findings.filter((f) => f.level === 'error');
  const warnings = report.findings.filter((f) => f.level === 'warning');
  const errorSlots = report.pass ? GITHUB_MAX_ERRORS : GITHUB_MAX_ERRORS - 1;
  for (const f of errors.slice(0, errorSlots)) lines.push(annotation('error', f.id, report, f));
  for (const f of warnings.slice(0, GITHUB_MAX_WARNINGS)) lines.push(annotation('warning', f.id, report, f));
  const more = Math.max(0, errors.length - errorSlots);
  const moreWarnings = Math.max(0, warnings.length - GITHUB_MAX_WARNINGS);
  const notAnnotated = [
    ...(more > 0 ? [`${more} more error${more === 1 ? '' : 's'}`] : []),
    ...(moreWarnings > 0 ? [`${moreWarnings} more warning${moreWarnings === 1 ? '' : 's'}`] : []),
  ];
  const summary = `${report.pass ? 'PASS' : 'FAIL'}: ${report.title}${notAnnotated.length ? ` (${notAnnotated.join(' and ')} not annotated; see the JSON or Markdown report)` : ''}`;
  const where = report.artifact !== undefined ? `file=${ghProp(report.artifact)},` : '';
  lines.push(
    `::${report.pass ? 'notice' : 'error'} ${where}title=${ghProp(`proofgate ${report.command}`)}::${ghData(summary)}`,
  );
  return lines.join('\n') + '\n';
}

function annotation(
  kind: 'error' | 'warning',
  id: string,
  report: Report,
  f: Report['findings'][number],
): string {
  const props: string[] = [];
  const file = f.file ?? report.artifact;
  if (file !== undefined) {
    props.push(`file=${ghProp(file)}`);
    if (f.line !== undefined) props.push(`line=${f.line}`);
    if (f.column !== undefined) props.push(`col=${f.column}`);
  }
  props.push(`title=${ghProp(`${id} (${groupOf(f)})`)}`);
  const loc = locationOf(f);
  return `::${kind} ${props.join(',')}::${ghData(`${f.message}${loc ? ` [${loc}]` : ''}`)}`;
}
