export { applyLedgerSchema, type AppliedMigrations } from './apply-ledger-schema.js';
export { readLedgerMigrations, LEDGER_MIGRATIONS_DIR, type LedgerMigration } from './migrations.js';
