import type { ProofgateConfig } from '../config/types.js';
import { runnerSection } from './runner-config.js';
import type { RunnerOptions } from './types.js';

/** RunnerOptions fields from the config's `runner` section, and its always-run globs. */
export function runnerConfigOptions(config: ProofgateConfig): {
  runner: Pick<RunnerOptions, 'runs' | 'seeds' | 'maxExtraRuns' | 'testTimeout' | 'allowWarnings'>;
  always: string[];
} {
  const r = runnerSection(config);
  return {
    runner: {
      ...(r.runs === undefined ? {} : { runs: r.runs }),
      ...(r.seeds === undefined ? {} : { seeds: r.seeds }),
      ...(r.maxExtraRuns === undefined ? {} : { maxExtraRuns: r.maxExtraRuns }),
      ...(r.testTimeout === undefined ? {} : { testTimeout: r.testTimeout }),
      ...(r.allowWarnings === undefined ? {} : { allowWarnings: r.allowWarnings }),
    },
    always: r.always ?? [],
  };
}
