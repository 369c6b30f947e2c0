import { globToRegExp } from '../selection/glob.js';
import {
  DEV_BYPASS_ENV,
  DEV_BYPASS_FEATURE_FLAGS,
  PROD_FORBIDDEN_LOG_LEVELS,
  REQUIRED_SECRETS,
  SIGNING_KEY_VARS,
  type Environment,
} from './matrix.js';
import { envBool, envString } from './env-value.js';
import type { EnvLike, GuardFinding, ReleaseArtifact } from './types.js';

/** The environment matrix rules: forbidden flags per environment and required secrets. */
export function checkEnvironment(
  env: EnvLike,
  artifact: ReleaseArtifact,
  extraSecrets: Partial<Record<Environment, readonly string[]>> = {},
  names: {
    secrets?: Partial<Record<Environment, readonly string[]>>;
    signingKeyVars?: readonly string[];
  } = {},
): GuardFinding[] {
  const signingKeyVars = names.signingKeyVars ?? SIGNING_KEY_VARS;
  const findings: GuardFinding[] = [];
  const prod = artifact.environment === 'prod';

  for (const flag of DEV_BYPASS_ENV) {
    const v = envBool(env, flag.name);
    if (v === 'invalid') {
      // An unreadable safety flag counts as set in prod: fail closed.
      findings.push({
        id: prod ? flag.id : 'flag-invalid',
        level: 'error',
        variable: flag.name,
        message: `${flag.name}=${env[flag.name]} is neither true nor false${prod ? ` (read as set in prod: ${flag.why})` : ''}`,
      });
    } else if (v === true && prod) {
      findings.push({
        id: flag.id,
        level: 'error',
        variable: flag.name,
        message: `ENV=prod with ${flag.name}=${env[flag.name]}: ${flag.why}`,
      });
    }
  }

  const level = envString(env, 'LOG_LEVEL')?.toLowerCase();
  if (prod && level !== undefined && PROD_FORBIDDEN_LOG_LEVELS.includes(level)) {
    findings.push({
      id: 'prod-debug-logging',
      level: 'error',
      variable: 'LOG_LEVEL',
      message: `ENV=prod with LOG_LEVEL=${env.LOG_LEVEL}: debug logs leak tokens and payloads; use info or above`,
    });
  }

  if (prod) {
    const bypass = DEV_BYPASS_FEATURE_FLAGS.map((g) => globToRegExp(`/${g.toLowerCase()}`));
    for (const f of artifact.enabled_feature_flags) {
      if (bypass.some((re) => re.test(f.toLowerCase()))) {
        findings.push({
          id: 'prod-dev-bypass',
          level: 'error',
          variable: 'RELEASE_FEATURE_FLAGS',
          message: `ENV=prod with dev-bypass feature flag ${f}`,
        });
      }
    }
  }

  // The team's own names replace the matrix's for an environment they list (release.secrets).
  const base = names.secrets?.[artifact.environment] ?? REQUIRED_SECRETS[artifact.environment];
  const secrets = [...base, ...(extraSecrets[artifact.environment] ?? [])];
  for (const name of [...new Set(secrets)]) {
    if (envString(env, name) === undefined) {
      findings.push({
        id: 'secret-missing',
        level: 'error',
        variable: name,
        message: `ENV=${artifact.environment} needs the secret ${name}, which is missing or empty`,
      });
    }
  }

  // Signing key: needed whenever the service signs for sure (required). In prod, `optional` without
  // a key would silently run unsigned: that must be spelled SIGNING_MODE=disabled.
  const hasKey = signingKeyVars.some((n) => envString(env, n) !== undefined);
  if (
    !hasKey &&
    artifact.signing_mode === 'required' &&
    (prod || envString(env, 'SIGNING_MODE') !== undefined)
  ) {
    findings.push({
      id: 'signing-key-missing',
      level: 'error',
      variable: signingKeyVars[0]!,
      message: `SIGNING_MODE=required but neither ${signingKeyVars.join(' nor ')} is set`,
    });
  }
  if (!hasKey && prod && artifact.signing_mode === 'optional') {
    findings.push({
      id: 'prod-unsigned-implicit',
      level: 'error',
      variable: 'SIGNING_MODE',
      message:
        'ENV=prod with SIGNING_MODE=optional and no signing key: the service would run unsigned; set SIGNING_KEY, or SIGNING_MODE=disabled to do this on purpose',
    });
  }
  return findings;
}
