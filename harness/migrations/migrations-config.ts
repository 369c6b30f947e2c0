import { readSection } from '../config/validate-config.js';
import type { ProofgateConfig, SectionConfig } from '../config/types.js';

/** The `migrations` section of proofgate.config (schema: harness/config/schema/migrations.ts). */
export type MigrationsConfig = SectionConfig<'migrations'>;

export function migrationsSection(config: ProofgateConfig): MigrationsConfig {
  return readSection<MigrationsConfig>(config, 'migrations');
}
