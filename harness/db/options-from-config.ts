import { readSection } from '../config/validate-config.js';
import type { ProofgateConfig, SectionConfig } from '../config/types.js';
import type { ProvideOptions } from './types.js';

/**
 * providePostgres options for a command: the --database-url flag, then the config's
 * `database` section (url, targetMajor, provider); PROOFGATE_DATABASE_URL is read by the provider.
 */
export function provideOptionsFromConfig(
  config: ProofgateConfig,
  flags: { databaseUrl?: string | undefined } = {},
  extra: Pick<ProvideOptions, 'log' | 'env'> = {},
): ProvideOptions {
  const section = readSection<SectionConfig<'database'>>(config, 'database');
  const databaseUrl = flags.databaseUrl ?? section.url;
  return {
    provider: section.provider ?? 'auto',
    targetMajor: section.targetMajor ?? 15,
    ...(databaseUrl === undefined ? {} : { databaseUrl }),
    ...(extra.log === undefined ? {} : { log: extra.log }),
    ...(extra.env === undefined ? {} : { env: extra.env }),
  };
}
