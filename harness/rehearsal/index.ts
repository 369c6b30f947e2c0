// The upgrade rehearsal (DESIGN §4): base release → history → verify → candidate migrations → verify → compare → service.
export { rehearse, type RehearseOptions, type RehearsalState } from './rehearse.js';
export { rehearsalReport } from './rehearsal-report.js';
export { loadHistory, anchorEveryFor, DEFAULT_HISTORY_SEED, type LoadedHistory } from './load-history.js';
export { loadServiceConfig, parseServiceConfig, SERVICE_FILE } from './load-service-config.js';
export { checkService, type CheckServiceOptions } from './run-service.js';
export { releaseEnv, releaseMismatches, RELEASE_FIELDS } from './release-env.js';
export { assertEmptyDatabase } from './assert-empty-database.js';
export { REHEARSAL_FINDINGS } from './finding-ids.js';
export {
  STEP_IDS,
  type StepId,
  type StepStatus,
  type StepResult,
  type HistorySpec,
  type ServiceConfig,
  type ServiceCheckResult,
  type DatabaseInfo,
} from './types.js';
export { rehearsalSection, type RehearsalConfig } from './rehearsal-config.js';
export { materializeRelease, type MaterializedRelease } from './materialize-release.js';
export { findPgTool, type DumpFormat, type RestoreSpec } from './restore-dump.js';
