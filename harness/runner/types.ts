export type Outcome = 'passed' | 'failed' | 'skipped' | 'missing';

export interface RunnerOptions {
  /** Folder the suite files are relative to (and vitest's root). */
  root: string;
  /** Test files to run (relative to root, or absolute). */
  files: readonly string[];
  /** How many runs (at least 2; default 2). */
  runs?: number;
  /** Shuffle seeds, one per run (default: DEFAULT_SEEDS); extra runs take the next ones. */
  seeds?: readonly number[];
  /**
   * When every multi-test file ran in the same order in all runs, the runs proved nothing about
   * order: run again with the next seed, up to this many extra runs (default 3).
   */
  maxExtraRuns?: number;
  /** Per-test timeout in ms (default 30 000). */
  testTimeout?: number;
  /** Process warning names that do not fail the run (default DeprecationWarning, ExperimentalWarning). */
  allowWarnings?: readonly string[];
  /** Progress lines. */
  log?: (line: string) => void;
}

export interface RunRecord {
  seed: number;
  /** Per file (relative), test keys in execution order. */
  order: Record<string, string[]>;
  unhandledErrors: string[];
}

export interface TestVerdict {
  file: string;
  name: string;
  /** Outcome per run, in run order. */
  outcomes: Outcome[];
  verdict: 'pass' | 'fail' | 'flaky' | 'skipped';
  /** First error message of a failing run (deterministic text only: no stack). */
  error?: string;
}

export interface RunnerResult {
  files: string[];
  runs: RunRecord[];
  tests: TestVerdict[];
  /** Errors that escaped every test (unhandled rejections, errors after teardown), per run. */
  unhandledErrors: { run: number; message: string }[];
  /** Process warnings (e.g. MaxListenersExceededWarning) raised in the test workers, per run, minus allowed ones. */
  warnings: { run: number; message: string }[];
  /** Files that failed to load or whose hooks failed, per run. */
  moduleErrors: { run: number; file: string; message: string }[];
  /** True when at least two runs executed some multi-test file in different orders. */
  ordersDiffered: boolean;
}
