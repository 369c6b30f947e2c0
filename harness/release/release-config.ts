import { ConfigError } from '../errors/index.js';
import type { ProofgateConfig } from '../config/types.js';
import { ENVIRONMENTS, type Environment } from './matrix.js';

/** The `release` section of proofgate.config (all optional). */
export interface ReleaseConfig {
  /** Env file `release-check` (and the prod-gate stage) checks. */
  envFile?: string;
  /** Folder with one `<version>/openapi.yaml` per frozen API version (default: contracts). */
  contractsDir?: string;
  /** Extra secrets required per environment, on top of the built-in matrix. */
  requiredSecrets?: Partial<Record<Environment, string[]>>;
}

export function releaseSection(config: ProofgateConfig): ReleaseConfig {
  const s = config.release;
  if (s === undefined) return {};
  if (s === null || typeof s !== 'object' || Array.isArray(s))
    throw new ConfigError('config `release` must be an object');
  const r = s as Record<string, unknown>;
  for (const k of ['envFile', 'contractsDir'] as const) {
    if (r[k] !== undefined && typeof r[k] !== 'string')
      throw new ConfigError(`config release.${k} must be a string`);
  }
  if (r.requiredSecrets !== undefined) {
    const rs = r.requiredSecrets as Record<string, unknown>;
    if (rs === null || typeof rs !== 'object')
      throw new ConfigError('config release.requiredSecrets must be an object');
    for (const [env, list] of Object.entries(rs)) {
      if (!(ENVIRONMENTS as readonly string[]).includes(env))
        throw new ConfigError(
          `config release.requiredSecrets.${env}: unknown environment (use ${ENVIRONMENTS.join(', ')})`,
        );
      if (!Array.isArray(list) || !list.every((x) => typeof x === 'string'))
        throw new ConfigError(`config release.requiredSecrets.${env} must be a list of variable names`);
    }
  }
  return r as ReleaseConfig;
}
