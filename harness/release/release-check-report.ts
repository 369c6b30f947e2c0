import type { Report } from '../report/types.js';
import { checkStartupGuards } from './check-startup-guards.js';
import type { EnvLike, GuardOptions } from './types.js';

/** The `release-check` report: the artifact and every guard finding; FAIL on any violation. */
export function releaseCheckReport(env: EnvLike, options: GuardOptions & { envFile?: string } = {}): Report {
  const logged: string[] = [];
  const result = checkStartupGuards(env, {
    ...options,
    logger: options.logger ?? { warn: (l) => void logged.push(l) },
  });
  const errors = result.findings.filter((f) => f.level === 'error').length;
  return {
    command: 'release-check',
    title: result.ok
      ? `Release artifact and startup guards: ok (ENV=${result.artifact.environment}, signing ${result.artifact.signing_mode})`
      : `Release artifact and startup guards: ${errors} violation(s) (ENV=${result.artifact.environment})`,
    pass: result.ok,
    body: {
      verdict: result.ok ? 'PASS' : 'FAIL',
      artifact: result.artifact,
      findings: result.findings,
    },
    findings: result.findings.map((f) => ({
      id: f.id,
      level: f.level,
      message: f.message,
      ...(options.envFile === undefined ? {} : { file: options.envFile }),
      ...(f.variable === undefined ? {} : { group: f.variable }),
    })),
    notes: logged,
  };
}
