import {
  ENV_ALIASES,
  SIGNING_MODES,
  STRICT_ENVIRONMENTS,
  type Environment,
  type SigningMode,
} from './matrix.js';
import { envBool, envList, envString } from './env-value.js';
import type { EnvLike, GuardFinding, ReleaseArtifact } from './types.js';

const SHA = /^[0-9a-f]{7,40}$/;
const API_VERSION = /^v[1-9][0-9]*$/;
const FLAG = /^[a-z0-9][a-z0-9._:-]*$/i;
const HEAD = /^[A-Za-z0-9_.:-]{1,128}$/;

/**
 * Reads the release artifact from the environment and reports every field that is missing,
 * malformed or inconsistent. Fields that fail keep a safe value (null / [] / 'required') so the
 * artifact is always a complete object.
 */
export function readArtifact(env: EnvLike): { artifact: ReleaseArtifact; findings: GuardFinding[] } {
  const findings: GuardFinding[] = [];
  const err = (id: string, message: string, variable?: string): void =>
    void findings.push({ id, level: 'error', message, ...(variable === undefined ? {} : { variable }) });

  // ENV: unknown or missing fails closed as prod (the strictest rules apply).
  let environment: Environment = 'prod';
  const rawEnv = envString(env, 'ENV');
  if (rawEnv === undefined) err('env-missing', 'ENV is not set; set it to dev, test, staging or prod', 'ENV');
  else {
    const e = ENV_ALIASES[rawEnv.toLowerCase()];
    if (e === undefined) err('env-unknown', `ENV=${rawEnv} is not one of dev, test, staging, prod`, 'ENV');
    else environment = e;
  }
  const strict = STRICT_ENVIRONMENTS.includes(environment);

  // code_sha: VERSION_HASH wins, GIT_SHA is the fallback; both set and different is a conflict.
  const versionHash = envString(env, 'VERSION_HASH')?.toLowerCase();
  const gitSha = envString(env, 'GIT_SHA')?.toLowerCase();
  let code_sha: string | null = versionHash ?? gitSha ?? null;
  if (versionHash !== undefined && gitSha !== undefined && versionHash !== gitSha) {
    // A 7-digit short sha that prefixes the full one is the same commit.
    const [a, b] = versionHash.length <= gitSha.length ? [versionHash, gitSha] : [gitSha, versionHash];
    if (!b.startsWith(a))
      err(
        'release-code-sha-conflict',
        `VERSION_HASH=${versionHash} and GIT_SHA=${gitSha} name different commits`,
        'VERSION_HASH',
      );
  }
  if (code_sha !== null && !SHA.test(code_sha)) {
    err(
      'release-code-sha-invalid',
      `code sha ${JSON.stringify(code_sha)} is not 7-40 hex digits`,
      versionHash !== undefined ? 'VERSION_HASH' : 'GIT_SHA',
    );
    code_sha = null;
  } else if (code_sha === null && strict) {
    err(
      'release-code-sha-missing',
      `ENV=${environment} needs VERSION_HASH (or GIT_SHA): the build must say which commit it is`,
      'VERSION_HASH',
    );
  }

  let expected_alembic_head: string | null = null;
  const rawHead = env.EXPECTED_ALEMBIC_HEAD;
  if (rawHead !== undefined) {
    const h = rawHead.trim();
    if (!HEAD.test(h))
      err(
        'alembic-head-invalid',
        `EXPECTED_ALEMBIC_HEAD=${JSON.stringify(rawHead)} is blank or malformed`,
        'EXPECTED_ALEMBIC_HEAD',
      );
    else expected_alembic_head = h;
  }

  const supported_api_versions: string[] = [];
  for (const v of envList(env, 'RELEASE_SUPPORTED_API_VERSIONS')) {
    if (!API_VERSION.test(v))
      err(
        'release-api-version-invalid',
        `API version ${JSON.stringify(v)} is not of the form v<N>`,
        'RELEASE_SUPPORTED_API_VERSIONS',
      );
    else if (supported_api_versions.includes(v))
      err(
        'release-api-version-invalid',
        `API version ${v} is listed twice`,
        'RELEASE_SUPPORTED_API_VERSIONS',
      );
    else supported_api_versions.push(v);
  }
  if (strict && envList(env, 'RELEASE_SUPPORTED_API_VERSIONS').length === 0) {
    err(
      'release-api-versions-missing',
      `ENV=${environment} needs RELEASE_SUPPORTED_API_VERSIONS (e.g. v1)`,
      'RELEASE_SUPPORTED_API_VERSIONS',
    );
  }
  supported_api_versions.sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));

  const enabled_feature_flags: string[] = [];
  for (const f of envList(env, 'RELEASE_FEATURE_FLAGS')) {
    if (!FLAG.test(f))
      err(
        'release-feature-flag-invalid',
        `feature flag ${JSON.stringify(f)} is malformed`,
        'RELEASE_FEATURE_FLAGS',
      );
    else if (enabled_feature_flags.includes(f))
      err('release-feature-flag-invalid', `feature flag ${f} is listed twice`, 'RELEASE_FEATURE_FLAGS');
    else enabled_feature_flags.push(f);
  }
  enabled_feature_flags.sort();

  // Signing: an invalid or absent mode reads as 'required' (fail closed), and the finding says why.
  let signing_mode: SigningMode = environment === 'prod' ? 'required' : 'optional';
  const rawMode = envString(env, 'SIGNING_MODE');
  if (rawMode !== undefined) {
    const m = rawMode.toLowerCase();
    if ((SIGNING_MODES as readonly string[]).includes(m)) signing_mode = m as SigningMode;
    else {
      err(
        'signing-mode-invalid',
        `SIGNING_MODE=${rawMode} is not required, optional or disabled`,
        'SIGNING_MODE',
      );
      signing_mode = 'required';
    }
  } else if (environment === 'prod') {
    err(
      'prod-signing-implicit',
      'ENV=prod without SIGNING_MODE: set SIGNING_MODE=required (or =disabled to run unsigned on purpose)',
      'SIGNING_MODE',
    );
  }
  const signing_required = signing_mode === 'required';
  const declared = envBool(env, 'SIGNING_REQUIRED');
  if (declared === 'invalid')
    err(
      'signing-required-invalid',
      `SIGNING_REQUIRED=${env.SIGNING_REQUIRED} is not true or false`,
      'SIGNING_REQUIRED',
    );
  else if (
    declared !== undefined &&
    declared !== signing_required &&
    (rawMode === undefined || (SIGNING_MODES as readonly string[]).includes(rawMode.toLowerCase()))
  ) {
    err(
      'signing-mode-inconsistent',
      `SIGNING_REQUIRED=${String(declared)} contradicts SIGNING_MODE=${signing_mode}`,
      'SIGNING_REQUIRED',
    );
  }

  return {
    artifact: {
      environment,
      code_sha,
      expected_alembic_head,
      supported_api_versions,
      enabled_feature_flags,
      signing_mode,
      signing_required,
    },
    findings,
  };
}
