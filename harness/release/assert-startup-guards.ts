import { checkStartupGuards } from './check-startup-guards.js';
import { StartupGuardError } from './startup-guard-error.js';
import type { EnvLike, GuardOptions, ReleaseArtifact } from './types.js';

/**
 * Call at boot, before opening a port: returns the release artifact (record it in the
 * `app.startup` event) or throws a StartupGuardError listing every violation. Fail closed.
 */
export function assertStartupGuards(env: EnvLike = process.env, options: GuardOptions = {}): ReleaseArtifact {
  const result = checkStartupGuards(env, options);
  const violations = result.findings.filter((f) => f.level === 'error');
  if (violations.length > 0) throw new StartupGuardError(violations);
  return result.artifact;
}
