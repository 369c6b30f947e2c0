export type ReleaseClass = 'patch' | 'minor' | 'major';
export type ApiVerdict = 'breaking' | 'additive' | 'non-breaking';

export interface DestructiveDdl {
  /** Stable id, e.g. `ddl-drop-column`. */
  id: string;
  file: string;
  /** The offending line, trimmed. */
  line: string;
}

export interface ClassInputs {
  /** check-openapi's verdict for the candidate vs the frozen contract; undefined = unknown. */
  apiVerdict: ApiVerdict | undefined;
  /** Destructive statements in added or changed migrations. */
  destructive: readonly DestructiveDdl[];
  /** Paths of changed config files. */
  configChanges: readonly string[];
  /** Paths of changed schema (migration) files. */
  schemaChanges: readonly string[];
}

export interface ClassVerdict {
  class: ReleaseClass;
  /** Why, one line per input that raised the class (sorted by weight, then text). */
  reasons: string[];
}

export interface GateResult {
  /** Stable id: gate-changelog, gate-rollback-plan, gate-regression-test, gate-migration-tests. */
  id: string;
  pass: boolean;
  /** Set when the gate does not apply to this class (it then passes, and says so). */
  notApplicable?: boolean;
  message: string;
  /** Failing items (e.g. fix commits without a test change), deterministic order. */
  items?: string[];
}

export interface ReleaseClassConfig {
  /** Changelog file that must change in every release (default CHANGELOG.md). */
  changelog?: string;
  /** Rollback plan files, any one present and non-empty at the candidate ref (default docs/rollback.md, ROLLBACK.md). */
  rollbackPlans?: string[];
  /** Case-insensitive regex on commit subjects that marks a fix (default: conventional `fix:` / "fix", "fixes", "hotfix", "bugfix"). */
  fixPattern?: string;
  /** Case-insensitive regex on changed test paths that marks a migration test (default `migrat`). */
  migrationTestPattern?: string;
}
