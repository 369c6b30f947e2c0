import { InputError, UsageError } from '../errors/index.js';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { runVitestOnce, type OnceResult } from './run-vitest-once.js';
import { DEFAULT_SEEDS, seedFor } from './seeds.js';
import type { Outcome, RunnerOptions, RunnerResult, TestVerdict } from './types.js';

/**
 * Runs the suites at least twice with vitest's shuffled order and a different seed each time,
 * and compares every test's outcome across runs (DESIGN §5: flaky = FAIL). When no multi-test
 * file changed order between runs, the runs did not exercise order: extra runs with the next
 * seeds follow (up to maxExtraRuns).
 */
export async function runProofSuites(options: RunnerOptions): Promise<RunnerResult> {
  const runs = options.runs ?? 2;
  if (!Number.isInteger(runs) || runs < 2)
    throw new UsageError(`the proof runner needs at least 2 runs to detect flakiness, not ${runs}`);
  if (options.files.length === 0) throw new UsageError('the proof runner got no test files');
  for (const f of options.files) {
    if (!existsSync(resolve(options.root, f)))
      throw new InputError('ERR_INPUT', `proof suite file not found: ${f}`, { file: f });
  }
  const seeds = options.seeds ?? DEFAULT_SEEDS;
  const maxExtra = options.maxExtraRuns ?? 3;
  const results: { seed: number; once: OnceResult }[] = [];
  for (let i = 0; i < runs + maxExtra; i++) {
    if (i >= runs && ordersDiffer(results.map((r) => r.once.order))) break;
    if (i >= runs && !hasMultiTestFile(results[0]!.once.order)) break;
    const seed = seedFor(seeds, i);
    options.log?.(
      `proof runner: run ${i + 1} (seed ${seed})${i >= runs ? ' — extra run: earlier orders were identical' : ''}`,
    );
    results.push({
      seed,
      once: await runVitestOnce(options.root, options.files, seed, options.testTimeout ?? 30_000),
    });
  }
  return compareRuns(options.files, results, options.allowWarnings ?? DEFAULT_ALLOWED_WARNINGS);
}

/** Warnings that say nothing about the code under test (a dependency's deprecation, a Node experiment). */
export const DEFAULT_ALLOWED_WARNINGS: readonly string[] = ['DeprecationWarning', 'ExperimentalWarning'];

function hasMultiTestFile(order: Record<string, string[]>): boolean {
  return Object.values(order).some((o) => o.length > 1);
}

function ordersDiffer(orders: Record<string, string[]>[]): boolean {
  const [first, ...rest] = orders;
  if (first === undefined) return false;
  return rest.some((o) =>
    Object.keys({ ...first, ...o }).some((f) => (first[f] ?? []).join('\n') !== (o[f] ?? []).join('\n')),
  );
}

function compareRuns(
  files: readonly string[],
  results: { seed: number; once: OnceResult }[],
  allowed: readonly string[],
): RunnerResult {
  const keys = new Set<string>();
  for (const r of results) for (const k of r.once.outcomes.keys()) keys.add(k);
  const tests: TestVerdict[] = [];
  for (const key of [...keys].sort()) {
    const seen = results.map((r) => r.once.outcomes.get(key));
    const outcomes: Outcome[] = seen.map((s) => s?.outcome ?? 'missing');
    const any = seen.find((s) => s !== undefined)!;
    const distinct = new Set(outcomes);
    const verdict: TestVerdict['verdict'] =
      distinct.size > 1
        ? 'flaky'
        : outcomes[0] === 'passed'
          ? 'pass'
          : outcomes[0] === 'skipped'
            ? 'skipped'
            : 'fail';
    const error = seen.find((s) => s?.error !== undefined)?.error;
    tests.push({
      file: any.file,
      name: any.name,
      outcomes,
      verdict,
      ...(error === undefined ? {} : { error }),
    });
  }
  return {
    files: [...files].sort(),
    runs: results.map((r) => ({
      seed: r.seed,
      order: sortKeys(r.once.order),
      unhandledErrors: r.once.unhandledErrors,
    })),
    tests,
    unhandledErrors: results.flatMap((r, run) => r.once.unhandledErrors.map((message) => ({ run, message }))),
    warnings: results.flatMap((r, run) =>
      r.once.warnings
        .filter((w) => !allowed.some((a) => w.startsWith(`${a}:`)))
        .map((message) => ({ run, message })),
    ),
    moduleErrors: results.flatMap((r, run) => r.once.moduleErrors.map((e) => ({ run, ...e }))),
    ordersDiffered: ordersDiffer(results.map((r) => r.once.order)),
  };
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
}
