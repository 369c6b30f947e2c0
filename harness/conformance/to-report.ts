import { plural } from '../report/plural.js';
import type { CheckResult, Finding, Report } from '../report/types.js';
import { CHECKS, checkName } from './check-ids.js';
import type { ConformanceResult } from './run-conformance.js';
import type { Violation } from './types.js';

export interface ReportContext {
  spec: string;
  target: string;
  /** Rail results, when rails ran (same shape: violations + evaluated). */
  rails?: { violations: Violation[]; evaluated: Record<string, number>; skipped: Record<string, string> };
}

const ORDER = new Map<string, number>(CHECKS.map((c, i) => [c.id, i]));

/**
 * Violations → one error finding per (check, operation, message), counting repeats; everything
 * sorted, and only deterministic facts in the body (no ports, ids or times), so the JSON report is
 * byte-identical for the same spec, service and seed.
 */
export function conformanceReport(result: ConformanceResult, context: ReportContext): Report {
  const all = [...result.violations, ...(context.rails?.violations ?? [])];
  const counts = new Map<string, { v: Violation; n: number }>();
  for (const v of all) {
    const key = JSON.stringify([v.check, v.path, v.method, v.message, v.pointer ?? '']);
    const hit = counts.get(key);
    if (hit) hit.n += 1;
    else counts.set(key, { v, n: 1 });
  }
  const findings: Finding[] = [...counts.values()]
    .map(({ v, n }): Finding => ({
      id: v.check,
      level: 'error',
      class: 'violation',
      message: n > 1 ? `${v.message} (${n} times)` : v.message,
      path: v.path,
      method: v.method.toUpperCase(),
      ...(v.pointer !== undefined ? { pointer: v.pointer } : {}),
    }))
    .sort(
      (a, b) =>
        (ORDER.get(a.id) ?? 99) - (ORDER.get(b.id) ?? 99) ||
        (a.path ?? '').localeCompare(b.path ?? '') ||
        (a.method ?? '').localeCompare(b.method ?? '') ||
        a.message.localeCompare(b.message),
    );
  const evaluated = { ...result.evaluated, ...(context.rails?.evaluated ?? {}) };
  const skipped = { ...result.skipped, ...(context.rails?.skipped ?? {}) };
  const checks: CheckResult[] = CHECKS.filter((c) => c.id in evaluated).map((c) => {
    const failed = findings.filter((f) => f.id === c.id).length;
    const ran = evaluated[c.id] ?? 0;
    if (ran === 0)
      return { id: c.id, name: c.name, pass: true, skipped: true, message: skipped[c.id] ?? 'not exercised' };
    return {
      id: c.id,
      name: checkName(c.id),
      pass: failed === 0,
      message:
        failed === 0
          ? `${ran} evaluation(s), no violation`
          : `${failed} violation(s) in ${ran} evaluation(s)`,
    };
  });
  // Fail closed: nothing evaluated is not a PASS.
  const ranAny = checks.some((c) => !c.skipped);
  const pass = findings.length === 0 && ranAny;
  const body = {
    command: 'conformance',
    verdict: pass ? 'pass' : 'fail',
    spec: context.spec,
    target: context.target,
    seed: result.seed,
    runs: result.runs,
    operations: result.operations.map((o) => `${o.method.toUpperCase()} ${o.path}`),
    requests: result.requests,
    checks: checks.map((c) => ({
      id: c.id,
      pass: c.pass,
      skipped: c.skipped === true,
      evaluations: evaluated[c.id] ?? 0,
      ...(c.skipped === true ? { notApplicable: skipped[c.id] ?? 'not exercised' } : {}),
    })),
    ...(result.conventions !== undefined ? { conventions: result.conventions } : {}),
    ...(result.coverage !== undefined ? { coverage: result.coverage } : {}),
    findings,
  };
  const failedChecks = checks.filter((c) => !c.pass).length;
  return {
    command: 'conformance',
    title: pass
      ? `conformance: ${plural(result.operations.length, 'operation')}, ${plural(checks.filter((c) => !c.skipped).length, 'check')} passed`
      : ranAny
        ? `conformance: ${findings.length} violation(s) in ${failedChecks} check(s)`
        : 'conformance: no check could run (fail closed)',
    pass,
    body,
    findings,
    checks,
    notes: [
      `seed ${result.seed} (same seed, same inputs), ${result.runs} generated valid input(s) per operation`,
      `target: ${context.target}`,
      ...(result.conventions ?? []).map((c) => `convention: ${c}`),
      ...(result.coverage ?? []).map(
        (c) =>
          `coverage: ${c.operation}: answered ${c.statuses.join(', ') || 'nothing'}; ${c.validatedBodies} bod${c.validatedBodies === 1 ? 'y' : 'ies'} validated`,
      ),
    ],
  };
}
