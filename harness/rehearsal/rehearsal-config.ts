import { readSection } from '../config/validate-config.js';
import type { ProofgateConfig, SectionConfig } from '../config/types.js';

/** The `rehearsal` section of proofgate.config (schema: harness/config/schema/rehearsal.ts). */
export type RehearsalConfig = SectionConfig<'rehearsal'>;

export function rehearsalSection(config: ProofgateConfig): RehearsalConfig {
  return readSection<RehearsalConfig>(config, 'rehearsal');
}
