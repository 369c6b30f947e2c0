import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { withPostgres } from '../db/testing.js';
import { provideFromUrl } from '../db/index.js';
import { packagePath } from '../paths.js';
import { captureContext } from '../testing/capture-context.js';

const db = withPostgres();
const sql = (name: string): string => `fixtures/migrations/sql/${name}`;
let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'proofgate-migrations-cli-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const ctx = captureContext(packagePath(), {});
  const code = await main(['migrations', ...args], ctx);
  return { code, out: ctx.stdoutText(), err: ctx.stderrText() };
}

describe('proofgate migrations (CLI)', () => {
  it.each([
    ['no subcommand', { given: [], want: 2 }],
    ['unknown subcommand', { given: ['frob'], want: 2 }],
    ['missing --release', { given: ['preflight', '--no-database'], want: 2 }],
    [
      'flag of another subcommand',
      { given: ['lock', '--release', sql('good'), '--base', sql('base')], want: 2 },
    ],
    [
      'release folder without release.json',
      { given: ['preflight', '--release', 'fixtures', '--no-database'], want: 2 },
    ],
    [
      'bad migration file name',
      { given: ['preflight', '--release', sql('bad-name'), '--base', sql('base'), '--no-database'], want: 2 },
    ],
    ['--help', { given: ['--help'], want: 0 }],
  ] as const)('%s', async (_name, { given, want }) => {
    expect((await cli([...given])).code).toBe(want);
  });

  it('lock: records a new release, is idempotent, refuses to rewrite it and refuses an edit of a released file', async () => {
    const lock = join(work, 'migrations.lock.json');
    expect((await cli(['lock', '--release', sql('base'), '--lock', lock])).code).toBe(0);
    const first = await readFile(lock, 'utf8');
    expect(JSON.parse(first).releases['1.0.0']).toHaveProperty(['0010_init.sql']);
    expect((await cli(['lock', '--release', sql('base'), '--lock', lock])).code).toBe(0);
    expect(await readFile(lock, 'utf8')).toBe(first);
    // A candidate that edits 0020 may not be locked (FAIL, file untouched) …
    const edited = await cli(['lock', '--release', sql('edited'), '--lock', lock, '--format', 'json']);
    expect(edited.code).toBe(1);
    expect(
      JSON.parse(edited.out)
        .findings.filter((f: { level: string }) => f.level === 'error')
        .map((f: { id: string }) => f.id),
    ).toEqual(['migration-edited']);
    expect(await readFile(lock, 'utf8')).toBe(first);
    // … the good one may, once; then 1.1.0 is immutable: another 1.1.0 (other files) is ERR_RELEASE.
    expect((await cli(['lock', '--release', sql('good'), '--lock', lock])).code).toBe(0);
    const again = await cli(['lock', '--release', sql('head-mismatch'), '--lock', lock]);
    expect(again.code).toBe(0); // same files, same checksums: unchanged
    const other = await cli(['lock', '--release', sql('duplicate-version'), '--lock', lock]);
    expect(other.code).toBe(2);
    expect(other.err).toMatch(/already locked/);
  });

  it('preflight against the lock alone (no --base) catches the removed migration', async () => {
    const lock = join(work, 'only-base.lock.json');
    await cli(['lock', '--release', sql('base'), '--lock', lock]);
    const r = await cli([
      'preflight',
      '--release',
      sql('removed'),
      '--lock',
      lock,
      '--no-database',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(1);
    expect(
      JSON.parse(r.out)
        .findings.filter((f: { level: string }) => f.level === 'error')
        .map((f: { id: string }) => f.id),
    ).toEqual(['migration-removed']);
  });

  it('preflight: a missing explicit lock file or no released reference at all is exit 2', async () => {
    expect(
      (await cli(['preflight', '--release', sql('good'), '--lock', join(work, 'nope.json'), '--no-database']))
        .code,
    ).toBe(2);
    expect((await cli(['preflight', '--release', sql('good'), '--no-database'])).code).toBe(2);
  });

  it('preflight with a database: PASS for good, FAIL naming the rule for fails-twice; JSON is deterministic', async () => {
    const args = (name: string) => [
      'preflight',
      '--release',
      sql(name),
      '--base',
      sql('base'),
      '--database-url',
      db.url,
      '--format',
      'json',
      '--deterministic',
    ];
    const good = await cli(args('good'));
    expect(good.code).toBe(0);
    const body = JSON.parse(good.out);
    expect(body.pass).toBe(true);
    expect(body.heads).toEqual(['0030']);
    expect(body.linter).toMatch(/^squawk \d+\.\d+\.\d+$/);
    const bad = await cli(args('fails-twice'));
    expect(bad.code).toBe(1);
    expect(
      JSON.parse(bad.out)
        .findings.filter((f: { level: string }) => f.level === 'error')
        .map((f: { id: string }) => f.id),
    ).toEqual(['migration-not-idempotent']);
    expect((await cli(args('fails-twice'))).out).toBe(bad.out);
  });

  it('apply then status on a real database; status flags an edited applied migration', async () => {
    const handle = await provideFromUrl(db.url);
    try {
      const applied = await cli([
        'apply',
        '--release',
        sql('base'),
        '--database-url',
        handle.url,
        '--format',
        'json',
      ]);
      expect(applied.code).toBe(0);
      expect(JSON.parse(applied.out)).toMatchObject({
        applied: ['0010_init.sql', '0020_tags.sql'],
        heads: ['0020'],
      });
      const status = await cli([
        'status',
        '--release',
        sql('good'),
        '--database-url',
        handle.url,
        '--format',
        'json',
      ]);
      expect(status.code).toBe(0);
      expect(JSON.parse(status.out)).toMatchObject({ pending: ['0030_item_note.sql'], heads: ['0020'] });
      const drift = await cli([
        'status',
        '--release',
        sql('edited'),
        '--database-url',
        handle.url,
        '--format',
        'json',
      ]);
      expect(drift.code).toBe(1);
      expect(
        JSON.parse(drift.out)
          .findings.filter((f: { level: string }) => f.level === 'error')
          .map((f: { id: string }) => f.id),
      ).toEqual(['migration-edited']);
      // apply refuses to run over a history that disagrees with the files (exit 2, nothing applied).
      expect((await cli(['apply', '--release', sql('edited'), '--database-url', handle.url])).code).toBe(2);
      const next = await cli([
        'apply',
        '--release',
        sql('good'),
        '--database-url',
        handle.url,
        '--format',
        'json',
      ]);
      expect(JSON.parse(next.out)).toMatchObject({ applied: ['0030_item_note.sql'], heads: ['0030'] });
    } finally {
      await handle.close();
    }
  });

  it('apply: a head that differs from release.json is a FAIL', async () => {
    const handle = await provideFromUrl(db.url);
    try {
      const r = await cli([
        'apply',
        '--release',
        sql('head-mismatch'),
        '--database-url',
        handle.url,
        '--format',
        'json',
      ]);
      expect(r.code).toBe(1);
      expect(
        JSON.parse(r.out)
          .findings.filter((f: { level: string }) => f.level === 'error')
          .map((f: { id: string }) => f.id),
      ).toEqual(['migration-head-mismatch']);
    } finally {
      await handle.close();
    }
  });

  it.each(['text', 'json', 'markdown', 'junit', 'github', 'sarif'])(
    'preflight renders as %s',
    async (format) => {
      const r = await cli([
        'preflight',
        '--release',
        sql('drop-column-minor'),
        '--base',
        sql('base'),
        '--no-database',
        '--format',
        format,
        '--deterministic',
      ]);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/ban-drop-column/);
    },
  );

  it('an unreadable lock file is exit 2 (ERR_RELEASE)', async () => {
    const lock = join(work, 'broken.lock.json');
    await writeFile(lock, '{"format":"proofgate-migrations-lock/1","releases":{"1.0.0":{"a.sql":"md5:x"}}}');
    const r = await cli(['preflight', '--release', sql('good'), '--lock', lock, '--no-database']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/ERR_RELEASE|checksum must be/);
  });
});
