export { defineConfig, type ProofgateConfig } from './types.js';
export { CONFIG_FILES, loadConfig, type LoadedConfig } from './load-config.js';
