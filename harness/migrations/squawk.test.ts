import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOCKING_SQUAWK_RULES, destructiveDdlFindings } from './destructive-ddl.js';
import { runSquawk, squawkBinary, squawkVersion } from './squawk.js';

// The real squawk binary from npm (@squawk-cli/linux-x64), not a re-implementation.
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'proofgate-squawk-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function lint(sql: string): Promise<string[]> {
  const file = join(dir, `m${Math.abs(hash(sql))}.sql`);
  await writeFile(file, sql);
  const blocking = (await runSquawk([file], 15))
    .map((v) => v.rule)
    .filter((r) => BLOCKING_SQUAWK_RULES.has(r));
  return [...new Set(blocking)].sort();
}
function hash(s: string): number {
  let h = 0;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) | 0;
  return h;
}

describe('squawk (real binary)', () => {
  it('is installed and reports its version', async () => {
    expect(squawkBinary()).toMatch(/squawk/);
    expect(await squawkVersion()).toMatch(/^squawk \d+\.\d+\.\d+$/);
  });

  it.each<[string, { sql: string; want: string[] }]>([
    ['drop column', { sql: 'ALTER TABLE t DROP COLUMN a;', want: ['ban-drop-column'] }],
    ['drop table', { sql: 'DROP TABLE t;', want: ['ban-drop-table'] }],
    ['drop database', { sql: 'DROP DATABASE d;', want: ['ban-drop-database'] }],
    [
      'change a column type',
      { sql: 'ALTER TABLE t ALTER COLUMN a TYPE bigint;', want: ['changing-column-type'] },
    ],
    ['rename a column', { sql: 'ALTER TABLE t RENAME COLUMN a TO b;', want: ['renaming-column'] }],
    ['rename a table', { sql: 'ALTER TABLE t RENAME TO u;', want: ['renaming-table'] }],
    ['required field', { sql: 'ALTER TABLE t ADD COLUMN c text NOT NULL;', want: ['adding-required-field'] }],
    [
      'set not null',
      { sql: 'ALTER TABLE t ALTER COLUMN a SET NOT NULL;', want: ['adding-not-nullable-field'] },
    ],
    ['drop not null', { sql: 'ALTER TABLE t ALTER COLUMN a DROP NOT NULL;', want: ['ban-drop-not-null'] }],
    ['blocking index', { sql: 'CREATE INDEX i ON t (a);', want: ['require-concurrent-index-creation'] }],
    ['blocking index drop', { sql: 'DROP INDEX i;', want: ['require-concurrent-index-deletion'] }],
    [
      'check constraint without NOT VALID',
      { sql: 'ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0);', want: ['constraint-missing-not-valid'] },
    ],
    ['truncate cascade', { sql: 'TRUNCATE t CASCADE;', want: ['ban-truncate-cascade'] }],
    ['additive nullable column', { sql: 'ALTER TABLE t ADD COLUMN IF NOT EXISTS c text;', want: [] }],
    ['new table', { sql: 'CREATE TABLE IF NOT EXISTS n (id bigint PRIMARY KEY);', want: [] }],
    [
      'concurrent index',
      { sql: '-- proofgate:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);', want: [] },
    ],
  ])('%s', async (_name, { sql, want }) => {
    expect(await lint(sql)).toEqual(want);
  });

  it('maps violations to findings: error below major, warning for major, syntax errors always fail', () => {
    const v = (rule: string) => ({
      file: '/r/m/0001_x.sql',
      line: 3,
      column: 1,
      rule,
      level: 'Warning',
      message: 'm',
      help: null,
    });
    const violations = [v('ban-drop-column'), v('prefer-robust-stmts'), v('syntax-error')];
    const levels = (cls: 'patch' | 'minor' | 'major' | undefined) =>
      destructiveDdlFindings(violations, cls, '/r').map((f) => [f.id, f.level, f.class]);
    expect(levels('minor')).toEqual([
      ['migration-destructive-ddl', 'error', 'ban-drop-column'],
      ['migration-lint', 'info', 'prefer-robust-stmts'],
      ['migration-lint', 'error', 'syntax-error'],
    ]);
    expect(levels(undefined)[0]).toEqual(['migration-destructive-ddl', 'error', 'ban-drop-column']);
    expect(levels('major')[0]).toEqual(['migration-destructive-ddl', 'warning', 'ban-drop-column']);
    expect(destructiveDdlFindings(violations, 'minor', '/r')[0]).toMatchObject({ file: 'm/0001_x.sql' });
    expect(destructiveDdlFindings(violations, 'minor', '/r')[0]!.message).toMatch(
      /^0001_x\.sql:3:1: ban-drop-column/,
    );
  });

  it('an unparseable file is a syntax-error violation, not a crash', async () => {
    const file = join(dir, 'broken.sql');
    await writeFile(file, 'CREATE TABLE (;\n');
    expect(new Set((await runSquawk([file], 15)).map((x) => x.rule))).toEqual(new Set(['syntax-error']));
  });

  it('a missing binary is ERR_MIGRATION, never a silent pass', async () => {
    const saved = process.env['PROOFGATE_SQUAWK'];
    process.env['PROOFGATE_SQUAWK'] = join(dir, 'no-such-squawk');
    try {
      await expect(runSquawk([join(dir, 'broken.sql')], 15)).rejects.toMatchObject({ code: 'ERR_MIGRATION' });
    } finally {
      if (saved === undefined) delete process.env['PROOFGATE_SQUAWK'];
      else process.env['PROOFGATE_SQUAWK'] = saved;
    }
  });
});
