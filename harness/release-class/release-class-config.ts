import { readSection } from '../config/validate-config.js';
import type { ProofgateConfig } from '../config/types.js';
import type { ReleaseClassConfig } from './types.js';

export function releaseClassSection(config: ProofgateConfig): ReleaseClassConfig {
  return readSection<ReleaseClassConfig>(config, 'releaseClass');
}
