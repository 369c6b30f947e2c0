// Migration drivers, lock file and preflight (DESIGN §4).
export type {
  CommandDriverConfig,
  CommandLine,
  DriverConfig,
  LockFile,
  MigrationFile,
  MigrationRelease,
  ReleaseJson,
  SqlDriverConfig,
} from './types.js';
export { loadMigrationRelease } from './load-release.js';
export { parseReleaseJson } from './release-artifact.js';
export { parseDriverConfig } from './driver-config.js';
export {
  DEFAULT_LOCK_FILE,
  LOCK_FORMAT,
  emptyLock,
  formatLock,
  parseLock,
  readLock,
  writeLock,
} from './lock-file.js';
export { lockRelease, type LockOutcome } from './lock-release.js';
export { driverFor, headMatches, type ApplyResult, type MigrationDriver } from './driver.js';
export { HISTORY_TABLE, applySqlMigrations, readHistory } from './sql-driver.js';
export { MigrationFailure } from './migration-failure.js';
export { diffSchemaDigests, readSchemaDigest, schemaDigest, type SchemaDigest } from './schema-digest.js';
export { runSquawk, squawkVersion, type SquawkViolation } from './squawk.js';
export { BLOCKING_SQUAWK_RULES } from './destructive-ddl.js';
export { PREFLIGHT_RULES, type PreflightRuleId } from './rules.js';
export { preflight, type PreflightOptions, type PreflightResult } from './preflight.js';
export { preflightReport } from './preflight-report.js';
export { migrationStatus, type MigrationStatus } from './status.js';
export { migrationsSection, type MigrationsConfig } from './migrations-config.js';
