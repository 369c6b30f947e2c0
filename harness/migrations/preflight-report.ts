import type { Report } from '../report/index.js';
import type { PreflightResult } from './preflight.js';
import type { MigrationRelease } from './types.js';

/** The preflight as a shared-model report: the body holds no paths outside the repo, no URLs, no times. */
export function preflightReport(
  result: PreflightResult,
  context: {
    candidate: MigrationRelease;
    base?: MigrationRelease | undefined;
    lockFile?: string | undefined;
    linter: string;
    database?: string | undefined;
  },
): Report {
  const { candidate, base } = context;
  const errors = result.findings.filter((f) => f.level === 'error').length;
  const notes = [`destructive DDL checked by ${context.linter}`];
  if (context.database !== undefined) notes.push(`database: ${context.database}`);
  for (const c of result.checks)
    if (c.skipped) notes.push(`${c.id}: not checked (${c.message ?? 'skipped'})`);
  return {
    command: 'migrations preflight',
    title: `Migration preflight of ${candidate.artifact.version}${base ? ` over ${base.artifact.version}` : ''}: ${result.pass ? 'PASS' : `FAIL (${errors} error${errors === 1 ? '' : 's'})`}`,
    pass: result.pass,
    body: {
      command: 'migrations preflight',
      pass: result.pass,
      candidate: {
        version: candidate.artifact.version,
        class: candidate.artifact.class ?? null,
        driver: candidate.driver.driver,
        migrations: candidate.files.map((f) => ({ name: f.name, checksum: f.checksum })),
        expectedHead: candidate.artifact.expected_alembic_head,
      },
      base: base ? { version: base.artifact.version, driver: base.driver.driver } : null,
      lockFile: context.lockFile ?? null,
      linter: context.linter,
      heads: result.heads ?? null,
      schemaDigest: result.schemaDigest ?? null,
      findings: result.findings,
      checks: result.checks.map((c) => ({ id: c.id, pass: c.pass, skipped: c.skipped ?? false })),
    },
    findings: result.findings,
    checks: result.checks,
    notes,
    timings: result.timings,
  };
}
