import { ConfigError } from '../errors/index.js';
import type { ProofgateConfig } from '../config/types.js';
import type { ProvideOptions } from './types.js';

const PROVIDERS = ['auto', 'url', 'testcontainers', 'embedded'] as const;

/**
 * providePostgres options for a command: the --database-url flag, then the config's
 * `database` section (url, targetMajor, provider); PROOFGATE_DATABASE_URL is read by the provider.
 */
export function provideOptionsFromConfig(
  config: ProofgateConfig,
  flags: { databaseUrl?: string | undefined } = {},
  extra: Pick<ProvideOptions, 'log' | 'env'> = {},
): ProvideOptions {
  const section = config.database ?? {};
  const provider = section.provider ?? 'auto';
  if (!(PROVIDERS as readonly string[]).includes(provider)) {
    throw new ConfigError(
      `database.provider ${JSON.stringify(provider)} is not one of ${PROVIDERS.join(', ')}`,
    );
  }
  const targetMajor = section.targetMajor ?? 15;
  if (!Number.isInteger(targetMajor) || targetMajor < 10) {
    throw new ConfigError(
      `database.targetMajor must be a PostgreSQL major version such as 15, not ${JSON.stringify(targetMajor)}`,
    );
  }
  const databaseUrl = flags.databaseUrl ?? section.url;
  return {
    provider,
    targetMajor,
    ...(databaseUrl === undefined ? {} : { databaseUrl }),
    ...(extra.log === undefined ? {} : { log: extra.log }),
    ...(extra.env === undefined ? {} : { env: extra.env }),
  };
}
