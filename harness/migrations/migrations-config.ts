import type { ProofgateConfig } from '../config/types.js';
import { ConfigError } from '../errors/index.js';

/** The `migrations` section of proofgate.config (all optional). */
export interface MigrationsConfig {
  /** The checksum lock file, relative to the config file (default: migrations.lock.json). */
  lock?: string;
}

export function migrationsSection(config: ProofgateConfig): MigrationsConfig {
  const s = config['migrations'];
  if (s === undefined) return {};
  if (s === null || typeof s !== 'object' || Array.isArray(s))
    throw new ConfigError('config `migrations` must be an object');
  const r = s as Record<string, unknown>;
  for (const k of Object.keys(r))
    if (k !== 'lock') throw new ConfigError(`config migrations.${k}: unknown setting`);
  if (r['lock'] !== undefined && (typeof r['lock'] !== 'string' || r['lock'] === ''))
    throw new ConfigError('config migrations.lock must be a file path');
  return r as MigrationsConfig;
}
