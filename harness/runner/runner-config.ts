import type { ProofgateConfig } from '../config/types.js';
import { ConfigError } from '../errors/index.js';

/** The `runner` section of proofgate.config (all optional). */
export interface RunnerConfig {
  /** Shuffled runs per suite set (default 2, at least 2). */
  runs?: number;
  /** Seeds, one per run (default DEFAULT_SEEDS). */
  seeds?: number[];
  /** Extra runs allowed when the seeds gave identical orders (default 3). */
  maxExtraRuns?: number;
  /** Per-test timeout in ms (default 30 000). */
  testTimeout?: number;
  /** Process warning names that do not fail the run (default DeprecationWarning, ExperimentalWarning). */
  allowWarnings?: string[];
  /** Globs of suites that run on every gate, whatever changed. */
  always?: string[];
}

export function runnerSection(config: ProofgateConfig): RunnerConfig {
  const s = config.runner;
  if (s === undefined) return {};
  if (s === null || typeof s !== 'object' || Array.isArray(s))
    throw new ConfigError('config `runner` must be an object');
  const r = s as Record<string, unknown>;
  if (r.runs !== undefined && (!Number.isInteger(r.runs) || (r.runs as number) < 2))
    throw new ConfigError('config runner.runs must be a whole number >= 2 (one run cannot detect flakiness)');
  if (r.maxExtraRuns !== undefined && (!Number.isInteger(r.maxExtraRuns) || (r.maxExtraRuns as number) < 0))
    throw new ConfigError('config runner.maxExtraRuns must be a whole number >= 0');
  if (r.testTimeout !== undefined && (!Number.isInteger(r.testTimeout) || (r.testTimeout as number) < 1))
    throw new ConfigError('config runner.testTimeout must be a positive whole number of ms');
  if (r.seeds !== undefined) {
    const seeds = r.seeds as unknown[];
    if (
      !Array.isArray(seeds) ||
      !seeds.every((x) => Number.isInteger(x)) ||
      new Set(seeds).size !== seeds.length
    ) {
      throw new ConfigError('config runner.seeds must be a list of distinct whole numbers');
    }
  }
  if (
    r.allowWarnings !== undefined &&
    (!Array.isArray(r.allowWarnings) || !r.allowWarnings.every((x) => typeof x === 'string'))
  )
    throw new ConfigError('config runner.allowWarnings must be a list of warning names');
  if (r.always !== undefined && (!Array.isArray(r.always) || !r.always.every((x) => typeof x === 'string')))
    throw new ConfigError('config runner.always must be a list of globs');
  return r as RunnerConfig;
}
