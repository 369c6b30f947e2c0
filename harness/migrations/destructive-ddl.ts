import { basename, relative } from 'node:path';
import type { Finding } from '../report/index.js';
import type { SquawkViolation } from './squawk.js';
import type { ReleaseClass } from './types.js';

/**
 * squawk rules that mean destructive DDL (data or clients break) or locking DDL (reads/writes blocked
 * while the table is scanned or rewritten). Only a release classed major may carry them.
 * Everything else squawk says (timeouts, robust statements, type preferences) is advice.
 */
export const BLOCKING_SQUAWK_RULES: ReadonlySet<string> = new Set([
  // destructive
  'ban-drop-column',
  'ban-drop-table',
  'ban-drop-database',
  'ban-drop-not-null',
  'ban-truncate-cascade',
  'changing-column-type',
  'renaming-column',
  'renaming-table',
  'adding-required-field',
  'adding-not-nullable-field',
  // locking
  'require-concurrent-index-creation',
  'require-concurrent-index-deletion',
  'constraint-missing-not-valid',
  'adding-foreign-key-constraint',
  'adding-primary-key-constraint',
  'disallowed-unique-constraint',
  'adding-field-with-default',
  'adding-serial-primary-key-field',
  'ban-alter-domain-with-add-constraint',
  'ban-create-domain-with-constraint',
  'ban-concurrent-index-creation-in-transaction',
]);

/** Turns squawk violations into findings: blocking rules fail unless the release is major. */
export function destructiveDdlFindings(
  violations: readonly SquawkViolation[],
  releaseClass: ReleaseClass | undefined,
  cwd: string,
  label: (file: string) => string = (f) => relative(cwd, f) || f,
): Finding[] {
  const major = releaseClass === 'major';
  return violations.map((v): Finding => {
    // `file` carries the path; the message keeps the short name with line:column.
    const at = `${basename(label(v.file))}:${v.line}:${v.column}`;
    if (v.rule === 'syntax-error')
      return {
        id: 'migration-lint',
        level: 'error',
        class: v.rule,
        message: `${at}: squawk cannot parse the SQL: ${v.message}`,
        file: label(v.file),
      };
    if (BLOCKING_SQUAWK_RULES.has(v.rule))
      return {
        id: 'migration-destructive-ddl',
        level: major ? 'warning' : 'error',
        class: v.rule,
        message: `${at}: ${v.rule}: ${v.message}${major ? ' (allowed: release is classed major)' : ` (release is classed ${releaseClass ?? 'unclassified'}; only a major release may do this)`}`,
        file: label(v.file),
      };
    return {
      id: 'migration-lint',
      level: 'info',
      class: v.rule,
      message: `${at}: ${v.rule}: ${v.message}${v.help ? ` (${v.help})` : ''}`,
      file: label(v.file),
    };
  });
}
