import { groupFindings, locationOf } from './group.js';
import type { Report } from './types.js';

/**
 * Escapes text for a GitHub-flavoured Markdown table cell. Balanced `code spans` stay code spans
 * (escaping their backticks would print literal backticks, and a backslash inside one shows);
 * only `|` is escaped inside them, which GFM tables require. An unbalanced backtick is escaped.
 */
export function mdCell(s: string): string {
  const text = (t: string) =>
    t
      .replace(/\\/g, '\\\\')
      .replace(/\|/g, '\\|')
      .replace(/([<>`*_])/g, '\\$1')
      .replace(/\r?\n/g, '<br>');
  const parts = s.split(/(`[^`\r\n]+`)/);
  return parts.map((p, i) => (i % 2 === 1 ? p.replace(/\|/g, '\\|') : text(p))).join('');
}

export function renderMarkdown(report: Report): string {
  const icon = report.pass ? '✅' : '❌';
  const lines: string[] = [
    `### ${icon} proofgate ${report.command}: ${report.pass ? 'PASS' : 'FAIL'}`,
    '',
    mdCell(report.title),
    '',
  ];
  if (report.findings.length) {
    lines.push('| | id | class | where | message |', '|---|---|---|---|---|');
    for (const [group, findings] of groupFindings(report.findings)) {
      for (const f of findings) {
        const where = [group, locationOf(f)].filter(Boolean).join(' ');
        const mark = f.level === 'error' ? '❌' : f.level === 'warning' ? '⚠️' : 'ℹ️';
        lines.push(
          `| ${mark} | \`${f.id}\` | ${mdCell(f.class ?? f.level)} | ${mdCell(where)} | ${mdCell(f.message)} |`,
        );
      }
    }
    lines.push('');
  }
  if (report.checks?.length) {
    lines.push('| check | result |', '|---|---|');
    for (const c of report.checks) {
      const r = c.skipped ? 'skipped' : c.pass ? 'pass' : `FAIL${c.message ? `: ${mdCell(c.message)}` : ''}`;
      lines.push(`| \`${c.id}\` ${mdCell(c.name)} | ${r} |`);
    }
    lines.push('');
  }
  for (const note of report.notes ?? []) lines.push(`> ${mdCell(note)}`);
  return lines.join('\n').replace(/\n+$/, '') + '\n';
}
