import { readSection } from '../config/validate-config.js';
import type { ProofgateConfig } from '../config/types.js';
import type { SelectionConfig } from './types.js';

/** The `selection` section of proofgate.config (schema: harness/config/schema/selection.ts). */
export function selectionSection(config: ProofgateConfig): SelectionConfig {
  return readSection<SelectionConfig>(config, 'selection');
}
