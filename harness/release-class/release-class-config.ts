import type { ProofgateConfig } from '../config/types.js';
import { ConfigError } from '../errors/index.js';
import type { ReleaseClassConfig } from './types.js';

export function releaseClassSection(config: ProofgateConfig): ReleaseClassConfig {
  const s = config.releaseClass;
  if (s === undefined) return {};
  if (s === null || typeof s !== 'object' || Array.isArray(s))
    throw new ConfigError('config `releaseClass` must be an object');
  const r = s as Record<string, unknown>;
  if (r.changelog !== undefined && typeof r.changelog !== 'string')
    throw new ConfigError('config releaseClass.changelog must be a file path');
  if (
    r.rollbackPlans !== undefined &&
    (!Array.isArray(r.rollbackPlans) || !r.rollbackPlans.every((p) => typeof p === 'string'))
  ) {
    throw new ConfigError('config releaseClass.rollbackPlans must be a list of file paths');
  }
  for (const k of ['fixPattern', 'migrationTestPattern'] as const) {
    if (r[k] === undefined) continue;
    if (typeof r[k] !== 'string')
      throw new ConfigError(`config releaseClass.${k} must be a regular expression string`);
    try {
      new RegExp(r[k], 'i');
    } catch (e) {
      throw new ConfigError(
        `config releaseClass.${k} is not a valid regular expression: ${(e as Error).message}`,
      );
    }
  }
  return r as ReleaseClassConfig;
}
