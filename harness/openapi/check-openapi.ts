import { allInOrder } from '../all-in-order.js';
import { applyExceptions, loadExceptions, type ExceptionOutcome } from '../exceptions/index.js';
import type { Report } from '../report/types.js';
import { diffSpecs, verdictOf, type Change, type ChangeClass } from '../snapshots/index.js';
import { locateChanges } from './locate-changes.js';
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
  /**
   * YYYY-MM-DD: lifecycle rules and exception expiry compare against it (recorded in the report).
   * Default: today in UTC.
   */
  date?: string;
  /**
   * Attach each finding to a file, line and column of the spec it points into (for SARIF and
   * GitHub annotations). Costs a second, position-keeping parse of both files; off by default.
   */
  locate?: boolean;
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
  // In order: with both specs invalid, the base's error is the one reported, every run.
  const [base, candidate, exceptionsFile] = await allInOrder([
    loadSpec(options.base, { ...limits, label: labels.base }),
    loadSpec(options.candidate, { ...limits, label: labels.candidate }),
    options.exceptions === undefined ? undefined : loadExceptions(options.exceptions),
  ]);
  const loadMs = performance.now() - loadStarted;
  const started = performance.now();
  const date = options.date ?? new Date().toISOString().slice(0, 10);
  const changes = await stackGuard(labels.candidate, 'the diff against the base', () =>
    diffSpecs(base.doc, candidate.doc, { date }),
  );
  const diffMs = performance.now() - started;
  const outcomes = exceptionsFile && applyExceptions(changes, exceptionsFile.entries, date);
  const accepted = new Set(outcomes?.flatMap((o) => o.accepted));
  const verdict = verdictOf(changes.filter((_, i) => !accepted.has(i)));
  const report = buildOpenApiReport({
    verdict,
    changes,
    outcomes,
    exceptionsFile: exceptionsFile && (labels.exceptions ?? exceptionsFile.file),
    date,
    base: labels.base,
    candidate: labels.candidate,
    ...(options.locate
      ? {
          locations: await locateChanges(changes, [
            { file: options.candidate, label: labels.candidate, doc: candidate.doc },
            { file: options.base, label: labels.base, doc: base.doc },
          ]),
        }
      : {}),
    timings: { loadMs: Math.round(loadMs), diffMs: Math.round(diffMs) },
  });
  return { verdict, changes, exceptions: outcomes, report };
}
