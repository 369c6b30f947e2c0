import type { ProofgateConfig } from './schema/index.js';
import { ledgerOf, type LedgerSection } from './ledger-section.js';
import { readSection } from './validate-config.js';

/**
 * For library callers with a `ledger` value that did not come through loadConfig: validated once
 * against the config schema (strict, refine included; ConfigError naming the path), then resolved.
 */
export function readLedgerSection(value: unknown): LedgerSection {
  if (value === undefined) return {};
  return ledgerOf({ ledger: readSection<ProofgateConfig['ledger']>({ ledger: value }, 'ledger') });
}
