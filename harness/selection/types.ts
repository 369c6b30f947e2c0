export const CATEGORIES = ['test', 'docs', 'ui', 'schema', 'policy', 'config', 'code'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Categories whose changes never need a proof suite on their own. */
export const INERT_CATEGORIES: readonly Category[] = ['test', 'docs', 'ui'];

export interface SuiteRule {
  /** Suite name, e.g. `payment`. */
  name: string;
  /** Globs of the suite's test files (relative to the config folder): what the runner runs. */
  files: string[];
  /** Case-insensitive regex tried on every changed path and on every changed line of code, config, policy and schema files. */
  match?: string;
  /** Globs on changed paths that select the suite. */
  paths?: string[];
  /** Any change in one of these categories selects the suite (e.g. schema → the migration proofs). */
  categories?: Category[];
}

export interface SelectionConfig {
  /** Path globs per category, tried in the order of CATEGORIES; the first match wins, `code` catches the rest. */
  categories?: Partial<Record<Category, string[]>>;
  suites?: SuiteRule[];
  /**
   * What a code/config/policy/schema change that selects no suite means: `all` (default: run every
   * suite, fail closed), `fail` (the selection FAILs: add a rule), or `none`.
   */
  unmatched?: 'all' | 'fail' | 'none';
}

export interface ChangedPath {
  path: string;
  /** git's status letter: A, M, D, R, C, T. */
  status: string;
  /** For renames and copies. */
  oldPath?: string;
  category: Category;
}

export interface SelectedSuite {
  name: string;
  /** Why it was selected, e.g. `path src/payment/charge.ts matches /payment/i`. Sorted. */
  reasons: string[];
  /** Its test files, relative to the config folder, sorted. */
  files: string[];
}

export interface Selection {
  from: string;
  to: string;
  /** The commits the refs resolved to (the report proves exactly what was compared). */
  fromCommit: string;
  toCommit: string;
  changes: ChangedPath[];
  counts: Record<Category, number>;
  suites: SelectedSuite[];
  /** Why no suite is needed, when `suites` is empty on purpose. */
  none?: string;
  /** Set when `unmatched: 'fail'` applies: a change that no suite covers. */
  unmatched?: string[];
}
