import { applyExceptions, loadExceptions, type ExceptionOutcome } from '../exceptions/index.js';
import type { Report } from '../report/types.js';
import { diffSpecs, verdictOf, type Change, type ChangeClass } from '../snapshots/index.js';
import { loadSpec } from './load-spec.js';
import { stackGuard } from './nesting.js';
import { buildOpenApiReport } from './openapi-report.js';
import type { LoadSpecOptions } from './types.js';

export interface CheckOpenApiOptions extends LoadSpecOptions {
  /** Base (frozen) spec file. */
  base: string;
  /** Candidate spec file. */
  candidate: string;
  /** Accepted-exceptions file (YAML or JSON), optional. */
  exceptions?: string | undefined;
  /** YYYY-MM-DD: lifecycle rules and exception expiry compare against it (recorded in the report). */
  date: string;
  /** How messages and notes name the two specs (default: the paths as given). */
  labels?: { base: string; candidate: string; exceptions?: string };
}

export interface CheckOpenApiResult {
  /** The gate verdict: breaking changes accepted by an exception do not count. */
  verdict: ChangeClass;
  changes: Change[];
  exceptions: ExceptionOutcome[] | undefined;
  report: Report;
}

/**
 * `proofgate check-openapi` as a function: loads both specs safely, diffs them (harness/snapshots),
 * applies accepted exceptions and builds the report. Throws a ProofgateError (exit 2) on invalid
 * input; a breaking verdict or a stale exception is a failing report (exit 1), never an exception.
 */
export async function checkOpenApi(options: CheckOpenApiOptions): Promise<CheckOpenApiResult> {
  const limits = { maxBytes: options.maxBytes, maxAliases: options.maxAliases };
  const labels = options.labels ?? { base: options.base, candidate: options.candidate };
  const loadStarted = performance.now();
  const [base, candidate, exceptionsFile] = await Promise.all([
    loadSpec(options.base, { ...limits, label: labels.base }),
    loadSpec(options.candidate, { ...limits, label: labels.candidate }),
    options.exceptions === undefined ? undefined : loadExceptions(options.exceptions),
  ]);
  const loadMs = performance.now() - loadStarted;
  const started = performance.now();
  const changes = await stackGuard(labels.candidate, 'the diff against the base', () =>
    diffSpecs(base.doc, candidate.doc, { date: options.date }),
  );
  const diffMs = performance.now() - started;
  const outcomes = exceptionsFile && applyExceptions(changes, exceptionsFile.entries, options.date);
  const accepted = new Set(outcomes?.flatMap((o) => o.accepted));
  const verdict = verdictOf(changes.filter((_, i) => !accepted.has(i)));
  const report = buildOpenApiReport({
    verdict,
    changes,
    outcomes,
    exceptionsFile: exceptionsFile && (labels.exceptions ?? exceptionsFile.file),
    date: options.date,
    base: labels.base,
    candidate: labels.candidate,
    timings: { loadMs: Math.round(loadMs), diffMs: Math.round(diffMs) },
  });
  return { verdict, changes, exceptions: outcomes, report };
}
