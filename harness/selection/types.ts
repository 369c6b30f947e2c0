import type { SectionConfig } from '../config/schema/index.js';

export const CATEGORIES = ['test', 'docs', 'ui', 'schema', 'policy', 'config', 'code'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Categories whose changes never need a proof suite on their own. */
export const INERT_CATEGORIES: readonly Category[] = ['test', 'docs', 'ui'];

/** One proof suite rule of the `selection` config section (schema: harness/config/schema/selection.ts). */
export type SuiteRule = NonNullable<SelectionConfig['suites']>[number];

/** The `selection` config section, derived from its schema. */
export type SelectionConfig = SectionConfig<'selection'>;

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
