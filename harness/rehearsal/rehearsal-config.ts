import type { ProofgateConfig } from '../config/types.js';
import { ConfigError } from '../errors/index.js';

/** The `rehearsal` section of proofgate.config (all optional; flags win). */
export interface RehearsalConfig {
  /** Release in production: a folder relative to the config file, or `git:REF:PATH`. */
  base?: string;
  /** Release to upgrade to (same forms). */
  candidate?: string;
  /** History bundle folder, relative to the config file. */
  history?: string;
  /** Without a history: this many seeded records (default 1000). */
  generate?: number;
}

export function rehearsalSection(config: ProofgateConfig): RehearsalConfig {
  const s = config['rehearsal'];
  if (s === undefined) return {};
  if (s === null || typeof s !== 'object' || Array.isArray(s))
    throw new ConfigError('config `rehearsal` must be an object');
  const r = s as Record<string, unknown>;
  for (const [k, v] of Object.entries(r)) {
    if (k === 'generate') {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
        throw new ConfigError('config rehearsal.generate must be a whole number ≥ 1');
    } else if (k === 'base' || k === 'candidate' || k === 'history') {
      if (typeof v !== 'string' || v === '') throw new ConfigError(`config rehearsal.${k} must be a path`);
    } else throw new ConfigError(`config rehearsal.${k}: unknown setting`);
  }
  if (r['history'] !== undefined && r['generate'] !== undefined)
    throw new ConfigError('config rehearsal: give history or generate, not both');
  return r as RehearsalConfig;
}
