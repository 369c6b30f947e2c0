import type { ChangedPath } from '../selection/types.js';
import type { CommitFacts } from './repo-facts.js';
import type { GateResult, ReleaseClass, ReleaseClassConfig } from './types.js';

export const DEFAULT_FIX_PATTERN =
  '^(fix|hotfix|bugfix)(\\([^)]*\\))?!?:|\\b(fix|fixes|fixed|hotfix|bugfix)\\b';
export const DEFAULT_ROLLBACK_PLANS = ['docs/rollback.md', 'ROLLBACK.md'];

export interface GateInputs {
  cls: ReleaseClass;
  changes: readonly ChangedPath[];
  commits: readonly CommitFacts[];
  /** Texts of the rollback plan candidates at the candidate ref (undefined = absent). */
  rollbackPlans: ReadonlyMap<string, string | undefined>;
  /** Added lines of the changelog in this release. */
  changelogAdded: readonly string[];
  /** Test-category paths in the whole repo diff, for test-path rules. */
  isTestPath: (path: string) => boolean;
  config: ReleaseClassConfig;
}

/**
 * The gates every class must pass, checked from the repository (seed runbook):
 * - gate-changelog: the changelog changed (every class);
 * - gate-rollback-plan: a rollback plan exists at the candidate (every class), or the changelog
 *   entry has a rollback section;
 * - gate-regression-test: every fix commit also changed a test file (every class);
 * - gate-migration-tests: a major release that changes migrations also changes a migration test.
 */
export function checkGates(i: GateInputs): GateResult[] {
  const changelog = i.config.changelog ?? 'CHANGELOG.md';
  const gates: GateResult[] = [];

  const changedLog = i.changes.some((c) => c.path === changelog);
  gates.push(
    changedLog
      ? { id: 'gate-changelog', pass: true, message: `${changelog} has an entry for this release` }
      : {
          id: 'gate-changelog',
          pass: false,
          message: `${changelog} did not change: every ${i.cls} release needs a changelog entry`,
        },
  );

  const plans = i.config.rollbackPlans ?? DEFAULT_ROLLBACK_PLANS;
  const present = plans.filter((p) => (i.rollbackPlans.get(p) ?? '').trim() !== '');
  const inChangelog = i.changelogAdded.some(
    (l) => /^#+\s.*rollback/i.test(l.trim()) || /^\s*[-*]?\s*rollback\s*:/i.test(l),
  );
  gates.push(
    present.length > 0 || inChangelog
      ? {
          id: 'gate-rollback-plan',
          pass: true,
          message: present.length
            ? `rollback plan: ${present.join(', ')}`
            : `rollback plan in the ${changelog} entry`,
        }
      : {
          id: 'gate-rollback-plan',
          pass: false,
          message: `no rollback plan: add one of ${plans.join(', ')} or a "Rollback" section to the ${changelog} entry (every class needs one)`,
        },
  );

  const fix = new RegExp(i.config.fixPattern ?? DEFAULT_FIX_PATTERN, 'i');
  const fixes = i.commits.filter((c) => fix.test(c.subject));
  const untested = fixes
    .filter((c) => !c.files.some(i.isTestPath))
    .map((c) => `${c.sha.slice(0, 12)} ${c.subject}`);
  gates.push(
    untested.length === 0
      ? {
          id: 'gate-regression-test',
          pass: true,
          message: fixes.length
            ? `${fixes.length} fix commit(s), each with a test change`
            : 'no fix commit in this release',
        }
      : {
          id: 'gate-regression-test',
          pass: false,
          message: `${untested.length} fix commit(s) without a regression test change`,
          items: untested,
        },
  );

  const schema = i.changes.filter((c) => c.category === 'schema');
  const migTest = new RegExp(i.config.migrationTestPattern ?? 'migrat', 'i');
  if (i.cls !== 'major') {
    gates.push({
      id: 'gate-migration-tests',
      pass: true,
      notApplicable: true,
      message: `not required for a ${i.cls} release`,
    });
  } else if (schema.length === 0) {
    gates.push({
      id: 'gate-migration-tests',
      pass: true,
      notApplicable: true,
      message: 'major release without a migration change',
    });
  } else {
    const tests = i.changes
      .filter((c) => i.isTestPath(c.path) && migTest.test(c.path) && c.status !== 'D')
      .map((c) => c.path);
    gates.push(
      tests.length
        ? { id: 'gate-migration-tests', pass: true, message: `migration tests changed: ${tests.join(', ')}` }
        : {
            id: 'gate-migration-tests',
            pass: false,
            message: `a major release changes ${schema.length} migration file(s) but no migration test (a test path matching /${migTest.source}/i) changed`,
          },
    );
  }
  return gates;
}
