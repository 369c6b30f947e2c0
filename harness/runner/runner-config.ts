import { readSection } from '../config/validate-config.js';
import type { ProofgateConfig, SectionConfig } from '../config/types.js';

/** The `runner` section of proofgate.config (schema: harness/config/schema/runner.ts). */
export type RunnerConfig = SectionConfig<'runner'>;

export function runnerSection(config: ProofgateConfig): RunnerConfig {
  return readSection<RunnerConfig>(config, 'runner');
}
