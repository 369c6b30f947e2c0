import { readSection } from '../config/validate-config.js';
import type { ProofgateConfig, SectionConfig } from '../config/types.js';

/** The `release` section of proofgate.config (schema: harness/config/schema/release.ts). */
export type ReleaseConfig = SectionConfig<'release'>;

export function releaseSection(config: ProofgateConfig): ReleaseConfig {
  return readSection<ReleaseConfig>(config, 'release');
}
