import { ProofgateError } from '../errors/index.js';
import type { GuardFinding } from './types.js';

/** Thrown by assertStartupGuards: the service must not start. Lists every violation with its id. */
export class StartupGuardError extends ProofgateError {
  readonly violations: readonly GuardFinding[];
  constructor(violations: readonly GuardFinding[]) {
    super(
      'ERR_STARTUP_GUARD',
      `refusing to start: ${violations.length} startup guard violation(s):\n` +
        violations.map((v) => `  - ${v.id}: ${v.message}`).join('\n'),
      {
        hint: 'fix the environment (see docs/release.md, "Startup guards"); `proofgate release-check --env FILE` checks a file before deploying',
      },
    );
    this.violations = violations;
  }
}
