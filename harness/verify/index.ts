// Verification of a whole log: streaming, worker threads, shards, merge and before/after compare.
export type { LogSource, SourceDescription } from './source.js';
export { bundleSource } from './bundle-source.js';
export { databaseSource } from './database-source.js';
export { mappedDatabaseSource } from './mapped-source.js';
export { verifyShard, runProfile, type VerifyOptions } from './verify-shard.js';
export { MAX_WORKERS, WorkerPool } from './worker-pool.js';
export { verifyLog } from './verify-log.js';
export { finalize, type VerifyReportBody } from './finalize.js';
export { compareReports, asVerifyReport } from './compare-reports.js';
export { parseShard, shardRange } from './shard-range.js';
export { SubtreeRange, type Subtree, type SubtreeRangeJson } from './subtree-range.js';
export {
  SHARD_FORMAT,
  MAX_LISTED_FAILURES,
  type ShardState,
  type RecordFailure,
  type AnchorCheck,
  type ExtraRow,
} from './shard-state.js';
