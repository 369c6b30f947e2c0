import type { ProofgateConfig } from './schema/index.js';

/**
 * proofgate.config.{json,mjs,js,ts}: every command reads it; CLI flags override it. Paths are
 * relative to the config file's folder. The type is derived from the one strict schema in
 * ./schema (one file per section); docs/configuration.md lists every key.
 */
export type { ProofgateConfig, SectionConfig, SectionKey } from './schema/index.js';

/** Typed helper for `proofgate.config.ts` / `.mjs`: `export default defineConfig({ ... })`. */
export function defineConfig(config: ProofgateConfig): ProofgateConfig {
  return config;
}
