export { applyLedgerSchema, type AppliedMigrations } from './apply-ledger-schema.js';
export { readLedgerMigrations, LEDGER_MIGRATIONS_DIR, type LedgerMigration } from './migrations.js';
export { importBundle, type ImportResult } from './import-bundle.js';
export { exportBundle, type ExportResult } from './export-bundle.js';
export {
  streamRecords,
  streamRecordBytes,
  streamAnchors,
  type StreamRecordsOptions,
  type RecordBytes,
} from './stream-records.js';
export {
  readKeys,
  readMaxSeq,
  readMeta,
  readRecordRange,
  type LedgerNames,
  type RecordRange,
} from './read-ledger.js';
export { DEFAULT_LEDGER_SCHEMA, qualify, quoteIdent } from './sql-name.js';
export {
  beginSnapshot,
  endSnapshot,
  withSnapshot,
  withSessionTimeouts,
  DEFAULT_LOCK_TIMEOUT_MS,
  DEFAULT_STATEMENT_TIMEOUT_MS,
  type SnapshotOptions,
} from './snapshot.js';
export { keyToRow, rowToKey, type KeyRow } from './key-row.js';
export type { LedgerSource } from './source.js';
