import { classifyPath } from './classify-path.js';
import { diffLines, diffNameStatus } from './diff-refs.js';
import { resolveRef } from './git.js';
import { matchesAny } from './glob.js';
import { listFiles } from './list-files.js';
import {
  CATEGORIES,
  INERT_CATEGORIES,
  type Category,
  type ChangedPath,
  type Selection,
  type SelectionConfig,
  type SelectedSuite,
  type SuiteRule,
} from './types.js';

/** The changes between two refs, each with its category. */
export async function classifyChanges(
  repo: string,
  from: string,
  to: string,
  config: SelectionConfig = {},
): Promise<ChangedPath[]> {
  return (await diffNameStatus(repo, from, to)).map((c) => ({
    ...c,
    category: classifyPath(c.path, config.categories),
  }));
}

/**
 * Which proof suites the change from `from` to `to` needs (DESIGN §5): docs-, UI- and test-only
 * changes need none; otherwise a suite is selected by its categories (schema → migration proofs),
 * its path globs, or its `match` regex on changed paths and changed lines. A relevant change
 * that no rule covers follows `unmatched` (default: every suite, fail closed).
 * `repo` is the git work tree; `baseDir` is where suite file globs resolve (the config folder).
 */
export async function selectProofs(
  repo: string,
  from: string,
  to: string,
  config: SelectionConfig = {},
  baseDir = repo,
): Promise<Selection> {
  const changes = await classifyChanges(repo, from, to, config);
  const counts = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  for (const c of changes) counts[c.category]++;
  const relevant = changes.filter((c) => !INERT_CATEGORIES.includes(c.category));
  const base = {
    from,
    to,
    fromCommit: await resolveRef(repo, from),
    toCommit: await resolveRef(repo, to),
    changes,
    counts,
  };
  if (changes.length === 0) return { ...base, suites: [], none: 'no change between the refs' };
  if (relevant.length === 0) {
    const kinds = [...new Set(changes.map((c) => c.category))].sort().join('/');
    return { ...base, suites: [], none: `${kinds}-only change: no proof suite needed` };
  }

  const rules = config.suites ?? [];
  const needLines = rules.some((r) => r.match !== undefined);
  const lines = needLines
    ? await diffLines(
        repo,
        from,
        to,
        relevant.flatMap((c) => (c.oldPath ? [c.oldPath, c.path] : [c.path])),
      )
    : new Map<string, string[]>();
  const covered = new Set<string>();
  const selected: SelectedSuite[] = [];
  for (const rule of rules) {
    const reasons = new Set<string>();
    const re = rule.match === undefined ? undefined : new RegExp(rule.match, 'i');
    for (const c of relevant) {
      const paths = c.oldPath ? [c.path, c.oldPath] : [c.path];
      if (rule.categories?.includes(c.category)) reasons.add(`${c.category} change ${c.path}`);
      if (rule.paths !== undefined && paths.some((p) => matchesAny(p, rule.paths!)))
        reasons.add(`path ${c.path} matches ${rule.paths.join(', ')}`);
      if (re !== undefined) {
        if (paths.some((p) => re.test(p))) reasons.add(`path ${c.path} matches /${rule.match}/i`);
        else if (paths.some((p) => (lines.get(p) ?? []).some((l) => re.test(l))))
          reasons.add(`a changed line of ${c.path} matches /${rule.match}/i`);
      }
      if ([...reasons].some((r) => r.includes(` ${c.path}`))) covered.add(c.path);
    }
    if (reasons.size > 0) selected.push(suiteOf(rule, [...reasons].sort(), baseDir));
  }
  const uncovered = relevant.filter((c) => !covered.has(c.path)).map((c) => c.path);
  if (uncovered.length > 0 && selected.length === 0) {
    const policy = config.unmatched ?? 'all';
    if (policy === 'fail') return { ...base, suites: [], unmatched: uncovered };
    if (policy === 'all') {
      return {
        ...base,
        suites: rules.map((r) =>
          suiteOf(
            r,
            [
              `no rule covers ${uncovered.length} changed file(s) (${uncovered.slice(0, 3).join(', ')}${uncovered.length > 3 ? ', …' : ''}): every suite runs (unmatched: all)`,
            ],
            baseDir,
          ),
        ),
      };
    }
    return { ...base, suites: [], none: `no rule covers the change and unmatched is 'none'` };
  }
  return { ...base, suites: selected };
}

function suiteOf(rule: SuiteRule, reasons: string[], baseDir: string): SelectedSuite {
  return { name: rule.name, reasons, files: listFiles(baseDir, rule.files) };
}
