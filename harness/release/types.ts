import type { Environment, SigningMode } from './matrix.js';

/**
 * What a running build is and how it is configured: recorded in the service's `app.startup`
 * event and compared by the rehearsal. Field names are the seed runbook's (snake_case).
 */
export interface ReleaseArtifact {
  environment: Environment;
  code_sha: string | null;
  expected_alembic_head: string | null;
  supported_api_versions: string[];
  enabled_feature_flags: string[];
  signing_mode: SigningMode;
  signing_required: boolean;
}

export interface GuardFinding {
  /** Stable kebab-case id (see GUARD_IDS). */
  id: string;
  level: 'error' | 'warning';
  message: string;
  /** The environment variable concerned, when there is one. */
  variable?: string;
}

export interface GuardLogger {
  warn(line: string): void;
}

export interface GuardOptions {
  /** Folder holding `<version>/openapi.yaml` per frozen API version (default: `contracts` in cwd). */
  contractsDir?: string;
  /** The migration head the database is at, when known (the service reads it at boot). */
  currentHead?: string | null;
  /** Extra secrets required per environment, on top of the matrix. */
  requiredSecrets?: Partial<Record<Environment, readonly string[]>>;
  /** Secrets per environment that replace the matrix's list for that environment. */
  secrets?: Partial<Record<Environment, readonly string[]>>;
  /** Variables that may hold the signing key (default SIGNING_KEY, SIGNING_KEY_FILE). */
  signingKeyVars?: readonly string[];
  /** Where warnings go (unsigned modes are always logged); default: stderr. */
  logger?: GuardLogger;
}

export interface GuardResult {
  /** The artifact as far as it could be read (fields that failed validation hold a safe default). */
  artifact: ReleaseArtifact;
  /** Every violation (level error) and warning, in a stable order. */
  findings: GuardFinding[];
  /** True when there is no error-level finding. */
  ok: boolean;
}

export type EnvLike = Readonly<Record<string, string | undefined>>;
