import type { ProofgateConfig } from '../config/types.js';
import { ConfigError } from '../errors/index.js';

/** The `gate` section of proofgate.config (all optional). */
export interface GateConfig {
  /** Release folder (default: proofgate-release). */
  outDir?: string;
  /** Operations Changelog file the gate appends to (default: OPERATIONS_CHANGELOG.md); false: none. */
  changelog?: string | false;
  /** Base git ref of the release (selection and release class); default: none. */
  from?: string;
  /** Candidate git ref (default: HEAD). */
  to?: string;
  /** Per stage: extra CLI args for command-backed stages, or `skip: true` to skip it by config. */
  stages?: Record<string, { args?: string[]; skip?: boolean }>;
}

export function gateSection(config: ProofgateConfig): GateConfig {
  const s = config.gate;
  if (s === undefined) return {};
  if (s === null || typeof s !== 'object' || Array.isArray(s))
    throw new ConfigError('config `gate` must be an object');
  const g = s as Record<string, unknown>;
  for (const k of ['outDir', 'from', 'to'] as const) {
    if (g[k] !== undefined && typeof g[k] !== 'string')
      throw new ConfigError(`config gate.${k} must be a string`);
  }
  if (g.changelog !== undefined && typeof g.changelog !== 'string' && g.changelog !== false) {
    throw new ConfigError('config gate.changelog must be a file name or false');
  }
  if (g.stages !== undefined) {
    if (g.stages === null || typeof g.stages !== 'object')
      throw new ConfigError('config gate.stages must be an object');
    for (const [id, v] of Object.entries(g.stages as Record<string, unknown>)) {
      const st = v as Record<string, unknown>;
      if (st === null || typeof st !== 'object')
        throw new ConfigError(`config gate.stages.${id} must be an object`);
      if (
        st.args !== undefined &&
        (!Array.isArray(st.args) || !st.args.every((a) => typeof a === 'string'))
      ) {
        throw new ConfigError(`config gate.stages.${id}.args must be a list of strings`);
      }
      if (st.skip !== undefined && typeof st.skip !== 'boolean')
        throw new ConfigError(`config gate.stages.${id}.skip must be true or false`);
    }
  }
  return g as GateConfig;
}
