// The environment matrix, as data: which environments exist, which flags each may carry, which
// secrets each needs. `checkStartupGuards` enforces exactly this table, so the docs, the tests and
// the running service can never disagree about what is allowed.

export const ENVIRONMENTS = ['dev', 'test', 'staging', 'prod'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** Accepted spellings of ENV, mapped to the canonical name. */
export const ENV_ALIASES: Readonly<Record<string, Environment>> = {
  dev: 'dev',
  development: 'dev',
  local: 'dev',
  test: 'test',
  ci: 'test',
  staging: 'staging',
  stage: 'staging',
  prod: 'prod',
  production: 'prod',
};

export const SIGNING_MODES = ['required', 'optional', 'disabled'] as const;
export type SigningMode = (typeof SIGNING_MODES)[number];

/** Production-like environments: the release artifact must be complete there. */
export const STRICT_ENVIRONMENTS: readonly Environment[] = ['staging', 'prod'];

/**
 * Environment variables that switch off a production safety (a dev bypass). Any truthy value of
 * one of these in `prod` refuses the start. `LOG_LEVEL=DEBUG` is matched separately (it is a
 * level, not a boolean).
 */
export const DEV_BYPASS_ENV: readonly { name: string; id: string; why: string }[] = [
  {
    name: 'AUTO_CREATE_SCHEMA',
    id: 'prod-auto-create-schema',
    why: 'the schema must come from reviewed migrations, never from the ORM at boot',
  },
  {
    name: 'DEV_AUTH_BYPASS',
    id: 'prod-dev-bypass',
    why: 'authentication must never be bypassed in production',
  },
  { name: 'SKIP_SIGNATURE_VERIFY', id: 'prod-dev-bypass', why: 'signatures must be verified in production' },
  { name: 'ALLOW_INSECURE_HTTP', id: 'prod-dev-bypass', why: 'production traffic must use TLS' },
  { name: 'DISABLE_RATE_LIMIT', id: 'prod-dev-bypass', why: 'rate limits protect production' },
  {
    name: 'SEED_DEMO_DATA',
    id: 'prod-dev-bypass',
    why: 'demo data must never be written to a production ledger',
  },
  { name: 'FAKE_SIGNER', id: 'prod-dev-bypass', why: 'a fake signer makes unverifiable proofs' },
  { name: 'DEBUG', id: 'prod-dev-bypass', why: 'debug mode leaks internals' },
];

/** Feature flags that are dev bypasses by name (glob-like: `*` = any run of characters). */
export const DEV_BYPASS_FEATURE_FLAGS: readonly string[] = [
  'dev-*',
  'dev_*',
  'debug*',
  '*bypass*',
  '*insecure*',
  'fake-*',
];

/** Log levels forbidden in prod (compared case-insensitively). */
export const PROD_FORBIDDEN_LOG_LEVELS: readonly string[] = ['debug', 'trace', 'silly'];

/**
 * Secrets that must be present (non-empty) per environment. `SIGNING_KEY` is only required when
 * the signing mode can sign (required or optional); see check-signing.ts.
 */
export const REQUIRED_SECRETS: Readonly<Record<Environment, readonly string[]>> = {
  dev: [],
  test: [],
  staging: ['DATABASE_URL', 'AUTH_TOKEN_SECRET'],
  prod: ['DATABASE_URL', 'AUTH_TOKEN_SECRET'],
};

/** The secret that holds the signing key (a private JWK or a path to one). */
export const SIGNING_KEY_VARS: readonly string[] = ['SIGNING_KEY', 'SIGNING_KEY_FILE'];

/** Values read as "true" for boolean flags (case-insensitive). */
export const TRUTHY: readonly string[] = ['1', 'true', 'yes', 'on'];
export const FALSY: readonly string[] = ['0', 'false', 'no', 'off', ''];

/** Every guard id, with what it means (the docs table is generated from the same words). */
export const GUARD_IDS: Readonly<Record<string, string>> = {
  'env-missing': 'ENV is not set: the service cannot know which rules apply',
  'env-unknown': 'ENV is not one of dev, test, staging, prod (or an accepted alias)',
  'release-code-sha-missing': 'VERSION_HASH / GIT_SHA is not set in staging or prod',
  'release-code-sha-invalid': 'VERSION_HASH / GIT_SHA is not 7-40 lowercase hex digits',
  'release-code-sha-conflict': 'VERSION_HASH and GIT_SHA are both set and differ',
  'release-api-versions-missing': 'RELEASE_SUPPORTED_API_VERSIONS is empty in staging or prod',
  'release-api-version-invalid': 'an API version is not of the form v<N>, or is listed twice',
  'api-version-unsupported': 'an API version has no frozen contract (contracts/<v>/openapi.yaml)',
  'release-feature-flag-invalid': 'a feature flag name is malformed or listed twice',
  'alembic-head-invalid': 'EXPECTED_ALEMBIC_HEAD is set but blank or malformed',
  'alembic-head-mismatch': "the database's migration head differs from EXPECTED_ALEMBIC_HEAD",
  'signing-mode-invalid': 'SIGNING_MODE is not required, optional or disabled',
  'signing-required-invalid': 'SIGNING_REQUIRED is not a boolean',
  'signing-mode-inconsistent': 'SIGNING_REQUIRED contradicts SIGNING_MODE',
  'prod-signing-implicit':
    'prod without SIGNING_MODE: unsigned operation must be explicit (SIGNING_MODE=disabled)',
  'prod-unsigned-implicit':
    'prod with SIGNING_MODE=optional and no signing key would run unsigned without SIGNING_MODE=disabled',
  'signing-key-missing': 'SIGNING_MODE=required but no SIGNING_KEY / SIGNING_KEY_FILE',
  'prod-debug-logging': 'ENV=prod with LOG_LEVEL=DEBUG (or TRACE)',
  'prod-auto-create-schema': 'ENV=prod with AUTO_CREATE_SCHEMA=true',
  'prod-dev-bypass': 'ENV=prod with a dev-bypass flag or feature flag',
  'secret-missing': 'a secret required in this environment is missing or empty',
  'flag-invalid': 'a boolean flag has a value that is neither true nor false',
  'signing-unsigned-mode': 'warning: the service may run unsigned (SIGNING_MODE optional or disabled)',
};
