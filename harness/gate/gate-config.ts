import { readSection } from '../config/validate-config.js';
import type { ProofgateConfig, SectionConfig } from '../config/types.js';

/** The `gate` section of proofgate.config (schema: harness/config/schema/gate.ts). */
export type GateConfig = SectionConfig<'gate'>;

export function gateSection(config: ProofgateConfig): GateConfig {
  return readSection<GateConfig>(config, 'gate');
}
