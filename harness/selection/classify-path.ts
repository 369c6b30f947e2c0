import { DEFAULT_CATEGORY_GLOBS } from './default-categories.js';
import { matchesAny } from './glob.js';
import { CATEGORIES, type Category } from './types.js';

/** The first category (in CATEGORIES order) whose globs match; `code` when none does. */
export function classifyPath(
  path: string,
  globs: Partial<Record<Category, readonly string[]>> = {},
): Category {
  for (const c of CATEGORIES) {
    if (matchesAny(path, globs[c] ?? DEFAULT_CATEGORY_GLOBS[c])) return c;
  }
  return 'code';
}
