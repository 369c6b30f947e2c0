export { deriveClass } from './derive-class.js';
export { classifyRelease, type ClassifyReleaseOptions, type ReleaseClassResult } from './classify-release.js';
export { checkGates, DEFAULT_FIX_PATTERN, DEFAULT_ROLLBACK_PLANS } from './check-gates.js';
export { findDestructiveDdl, DESTRUCTIVE_DDL_IDS } from './find-destructive-ddl.js';
export { releaseClassReport } from './release-class-report.js';
export { releaseClassSection } from './release-class-config.js';
export { releaseClassStage } from './release-class-stage.js';
export type {
  ApiVerdict,
  ClassInputs,
  ClassVerdict,
  DestructiveDdl,
  GateResult,
  ReleaseClassConfig,
} from './types.js';
// `ReleaseClass` ('patch' | 'minor' | 'major') is exported once, from harness/migrations (same type).
