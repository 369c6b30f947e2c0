import type { SectionConfig } from '../config/schema/index.js';

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

/** The `releaseClass` config section (schema: harness/config/schema/release-class.ts). */
export type ReleaseClassConfig = SectionConfig<'releaseClass'>;
