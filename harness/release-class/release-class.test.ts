import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempRepo } from '../selection/temp-repo.js';
import {
  classifyRelease,
  deriveClass,
  findDestructiveDdl,
  releaseClassReport,
  type ApiVerdict,
} from './index.js';

describe('deriveClass', () => {
  const none = { destructive: [], configChanges: [], schemaChanges: [] };
  it.each([
    ['non-breaking API only', { ...none, apiVerdict: 'non-breaking' as ApiVerdict }, 'patch'],
    ['additive API', { ...none, apiVerdict: 'additive' as ApiVerdict }, 'minor'],
    ['breaking API', { ...none, apiVerdict: 'breaking' as ApiVerdict }, 'major'],
    [
      'config change',
      { ...none, apiVerdict: 'non-breaking' as ApiVerdict, configChanges: ['deploy/values.yaml'] },
      'minor',
    ],
    [
      'additive migration',
      { ...none, apiVerdict: 'non-breaking' as ApiVerdict, schemaChanges: ['m/0002.sql'] },
      'minor',
    ],
    [
      'destructive migration beats additive API',
      {
        ...none,
        apiVerdict: 'additive' as ApiVerdict,
        schemaChanges: ['m/3.sql'],
        destructive: [{ id: 'ddl-drop-column', file: 'm/3.sql', line: 'x' }],
      },
      'major',
    ],
  ])('%s → %s', (_n, inputs, want) => expect(deriveClass(inputs).class).toBe(want));
});

describe('findDestructiveDdl', () => {
  it.each([
    ['ALTER TABLE t DROP COLUMN c;', ['ddl-drop-column']],
    ['drop table old_things;', ['ddl-drop-table']],
    ['ALTER TABLE t ALTER COLUMN c TYPE bigint;', ['ddl-alter-column-type']],
    ['ALTER TABLE t RENAME COLUMN a TO b;', ['ddl-rename']],
    ['TRUNCATE ledger_records;', ['ddl-truncate']],
    ['DELETE FROM ledger_keys WHERE kid = 1;', ['ddl-delete-rows']],
    ['ALTER TABLE t ALTER COLUMN c SET NOT NULL;', ['ddl-set-not-null']],
    ["    op.drop_column('proofs', 'legacy')", ['ddl-drop-column']],
    ['CREATE INDEX CONCURRENTLY i ON t (c);', []],
    ['ALTER TABLE t ADD COLUMN c text;', []],
    ['-- DROP TABLE in a comment', []],
  ])('%s → %j', (line, want) =>
    expect(findDestructiveDdl(new Map([['m.sql', [line]]])).map((d) => d.id)).toEqual(want),
  );
});

describe('classifyRelease on a real repository', () => {
  const repo = tempRepo('pg-class-');
  const refs: Record<string, string> = {};
  beforeAll(() => {
    refs.v1 = repo.commit('release 1', {
      'src/app.ts': 'export const a = 1;\n',
      'db/migrations/0001_init.sql': 'CREATE TABLE t (id int);\n',
      'CHANGELOG.md': '# Changelog\n',
      'docs/rollback.md': 'Roll back by redeploying the previous image; migrations are forward-compatible.\n',
    });
    refs.goodFix = repo.commit('fix: rounding of totals', {
      'src/app.ts': 'export const a = 2;\n',
      'src/app.test.ts': 'test\n',
    });
    refs.goodLog = repo.commit('docs: changelog', { 'CHANGELOG.md': '# Changelog\n## 1.0.1\n- rounding\n' });
    refs.untestedFix = repo.commit('Fix crash on empty cart', { 'src/app.ts': 'export const a = 3;\n' });
    refs.dropColumn = repo.commit('feat!: drop legacy column', {
      'db/migrations/0002_drop.sql': 'ALTER TABLE t DROP COLUMN legacy;\n',
      'CHANGELOG.md': '# Changelog\n## 2.0.0\n',
    });
    refs.migTest = repo.commit('test: migration 0002', { 'tests/migrations/0002.test.ts': 'test\n' });
    refs.noPlan = repo.commit('chore: drop the rollback doc', {
      'docs/rollback.md': null,
      'CHANGELOG.md': '# Changelog\n## 2.0.1\n',
    });
    refs.planInLog = repo.commit('docs: rollback in changelog', {
      'CHANGELOG.md': '# Changelog\n## 2.0.2\n### Rollback\nredeploy 2.0.1\n',
    });
  });
  afterAll(() => repo.remove());

  const classify = (from: string, to: string, apiVerdict: ApiVerdict | 'unknown' = 'non-breaking') =>
    classifyRelease({
      repo: repo.dir,
      from: refs[from]!,
      to: refs[to]!,
      apiVerdict: apiVerdict === 'unknown' ? undefined : apiVerdict,
    });
  const failed = (r: Awaited<ReturnType<typeof classify>>) =>
    releaseClassReport(r)
      .findings.filter((f) => f.level === 'error')
      .map((f) => f.id);

  it('a tested fix with changelog and rollback plan is a passing patch', async () => {
    const r = await classify('v1', 'goodLog');
    expect(r.class).toBe('patch');
    expect(failed(r)).toEqual([]);
    expect(r.gates.map((g) => [g.id, g.pass])).toEqual([
      ['gate-changelog', true],
      ['gate-rollback-plan', true],
      ['gate-regression-test', true],
      ['gate-migration-tests', true],
    ]);
  });

  it.each([
    ['no changelog entry', 'v1', 'goodFix', 'non-breaking', 'patch', ['gate-changelog-missing']],
    [
      'a fix without a regression test',
      'goodLog',
      'untestedFix',
      'non-breaking',
      'patch',
      ['gate-changelog-missing', 'gate-regression-test-missing'],
    ],
    ['additive API', 'v1', 'goodLog', 'additive', 'minor', []],
    ['breaking API', 'v1', 'goodLog', 'breaking', 'major', []],
    [
      'destructive migration without migration tests',
      'untestedFix',
      'dropColumn',
      'non-breaking',
      'major',
      ['gate-migration-tests-missing'],
    ],
    ['destructive migration with migration tests', 'untestedFix', 'migTest', 'non-breaking', 'major', []],
    ['rollback plan removed', 'migTest', 'noPlan', 'non-breaking', 'patch', ['gate-rollback-plan-missing']],
    ['rollback plan in the changelog entry', 'noPlan', 'planInLog', 'non-breaking', 'patch', []],
    ['unknown API verdict', 'v1', 'goodLog', 'unknown', 'patch', ['class-api-verdict-unknown']],
  ])('%s', async (_n, from, to, api, cls, want) => {
    const r = await classify(from, to, api as ApiVerdict | 'unknown');
    expect(r.class).toBe(cls);
    expect(failed(r)).toEqual(want);
  });

  it('names the fix commit without a test', async () => {
    const r = await classify('goodLog', 'untestedFix');
    const g = r.gates.find((x) => x.id === 'gate-regression-test')!;
    expect(g.items).toEqual([`${refs.untestedFix!.slice(0, 12)} Fix crash on empty cart`]);
    expect(r.reasons).toEqual(['patch: no API, migration or config change']);
  });

  it('explains a major class', async () => {
    const r = await classify('untestedFix', 'migTest', 'additive');
    expect(r.reasons).toEqual([
      'major: destructive migration db/migrations/0002_drop.sql: ddl-drop-column',
      'minor: API verdict additive',
    ]);
  });
});
