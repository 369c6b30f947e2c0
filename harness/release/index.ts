export { assertStartupGuards } from './assert-startup-guards.js';
export { checkStartupGuards } from './check-startup-guards.js';
export { StartupGuardError } from './startup-guard-error.js';
export { releaseCheckReport } from './release-check-report.js';
export { readArtifact } from './read-artifact.js';
export { parseEnv, readEnvFile } from './parse-env-file.js';
export {
  DEV_BYPASS_ENV,
  DEV_BYPASS_FEATURE_FLAGS,
  ENVIRONMENTS,
  ENV_ALIASES,
  GUARD_IDS,
  PROD_FORBIDDEN_LOG_LEVELS,
  REQUIRED_SECRETS,
  SIGNING_KEY_VARS,
  SIGNING_MODES,
  type Environment,
  type SigningMode,
} from './matrix.js';
export type {
  EnvLike,
  GuardFinding,
  GuardLogger,
  GuardOptions,
  GuardResult,
  ReleaseArtifact,
} from './types.js';
