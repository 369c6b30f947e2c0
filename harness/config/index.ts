export { defineConfig, type ProofgateConfig, type SectionConfig, type SectionKey } from './types.js';
export { CONFIG_FILES, loadConfig, type LoadedConfig } from './load-config.js';
export { readSection, validateConfig } from './validate-config.js';
export { CONFIG_SECTIONS, ProofgateConfigSchema } from './schema/index.js';
export { ledgerOf, type LedgerSection } from './ledger-section.js';
export { readLedgerSection } from './read-ledger-section.js';
