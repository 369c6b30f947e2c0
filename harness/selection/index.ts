export { selectProofs, classifyChanges } from './select-proofs.js';
export { classifyPath } from './classify-path.js';
export { DEFAULT_CATEGORY_GLOBS } from './default-categories.js';
export { globToRegExp, matchesAny } from './glob.js';
export { selectionSection } from './selection-config.js';
export { selectionReport } from './selection-report.js';
export { diffNameStatus } from './diff-refs.js';
export { listFiles } from './list-files.js';
export {
  CATEGORIES,
  INERT_CATEGORIES,
  type Category,
  type ChangedPath,
  type Selection,
  type SelectionConfig,
  type SelectedSuite,
  type SuiteRule,
} from './types.js';
