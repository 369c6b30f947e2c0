import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provideFromUrl, type PostgresHandle } from '../db/index.js';
import { driverFor } from './driver.js';
import { withPostgres } from '../db/testing.js';
import { packagePath } from '../paths.js';
import { main } from '../cli/main.js';
import { captureContext } from '../testing/capture-context.js';
import { preflight } from './preflight.js';
import { loadFixture, withDatabaseFrom, withScratchDatabase } from './test-helpers.js';

// Real Alembic (Debian: alembic + python3-psycopg2, installed by scripts/ci-apt.sh) against real Postgres.
// psycopg2 must import in the interpreter alembic runs under (its shebang), not whatever python3 is first on PATH.
function alembicReady(): boolean {
  const which = spawnSync('sh', ['-c', 'command -v alembic'], { encoding: 'utf8' });
  if (which.status !== 0) return false;
  const shebang = /^#!\s*(\S+)/.exec(readFileSync(which.stdout.trim(), 'utf8').split('\n', 1)[0] ?? '');
  const python = shebang?.[1] ?? 'python3';
  return spawnSync(python, ['-c', 'import alembic, psycopg2'], { stdio: 'ignore' }).status === 0;
}
const hasAlembic = alembicReady();
if (!hasAlembic)
  console.warn(
    'SKIPPED command-driver tests: `alembic` or python3-psycopg2 is not installed (run scripts/ci-apt.sh)',
  );

const db = withPostgres();
const cwd = packagePath();

type Want = { pass: boolean; ids: string[]; heads?: string[]; classes?: string[] };

describe.skipIf(!hasAlembic)('command driver: Alembic over base 1.0.0', () => {
  // The base is applied once (one Alembic run) into a template; each case copies it (baseApplied).
  let template: PostgresHandle;
  beforeAll(async () => {
    template = await provideFromUrl(db.url);
    await driverFor(await loadFixture('alembic', 'base')).apply(template.url);
  });
  afterAll(async () => {
    await template?.close();
  });

  it.each<[string, Want]>([
    ['good', { pass: true, ids: [], heads: ['b2000000'] }],
    ['multiple-heads', { pass: false, ids: ['migration-multiple-heads'] }],
    ['head-mismatch', { pass: false, ids: ['migration-head-mismatch'], heads: ['b2000000'] }],
    ['drop-column-minor', { pass: false, ids: ['migration-destructive-ddl'], classes: ['ban-drop-column'] }],
    ['edited', { pass: false, ids: ['migration-edited'] }],
    ['no-sql', { pass: false, ids: ['migration-destructive-ddl-unchecked'], heads: ['b2000000'] }],
  ])('%s', async (name, want) => {
    const base = await loadFixture('alembic', 'base');
    const candidate = await loadFixture('alembic', name);
    const result = await withScratchDatabase(db.url, (url) =>
      preflight({ candidate, base, databaseUrl: url, cwd }),
    );
    const blocking = result.findings.filter((f) => f.id !== 'migration-lint');
    expect([...new Set(blocking.map((f) => f.id))]).toEqual(want.ids);
    expect(result.pass).toBe(want.pass);
    if (want.heads) expect(result.heads).toEqual(want.heads);
    if (want.classes) expect([...new Set(blocking.map((f) => f.class))]).toEqual(want.classes);
  });

  it('an upgrade command that fails is a migration-apply-failed finding with its stderr', async () => {
    const candidate = await loadFixture('alembic', 'multiple-heads');
    // Without the `heads` command the graph is not inspected, so `alembic upgrade head` itself must fail.
    const noHeads = { ...candidate, driver: { ...candidate.driver, heads: undefined } } as typeof candidate;
    delete (noHeads.driver as { heads?: unknown }).heads;
    const result = await withScratchDatabase(db.url, (url) =>
      preflight({ candidate: noHeads, databaseUrl: url, cwd }),
    );
    const failed = result.findings.find((f) => f.id === 'migration-apply-failed');
    expect(failed?.message).toMatch(/Multiple head revisions/);
    expect(result.pass).toBe(false);
  });

  it('CLI apply and status run Alembic against the named database', async () => {
    await withScratchDatabase(db.url, async (url) => {
      const run = async (args: string[]) => {
        const ctx = captureContext(cwd, {});
        const code = await main(['migrations', ...args, '--database-url', url, '--format', 'json'], ctx);
        return { code, json: JSON.parse(ctx.stdoutText()) as Record<string, unknown> };
      };
      const before = await run(['status', '--release', 'fixtures/migrations/alembic/good']);
      expect(before).toMatchObject({ code: 0, json: { heads: [], driver: 'command' } });
      const applied = await run(['apply', '--release', 'fixtures/migrations/alembic/good']);
      expect(applied).toMatchObject({ code: 0, json: { heads: ['b2000000'], pass: true } });
      const after = await run(['status', '--release', 'fixtures/migrations/alembic/good']);
      expect(after.json['heads']).toEqual(['b2000000']);
    });
  });

  it('the lock file covers the revision files, not __pycache__', async () => {
    const release = await loadFixture('alembic', 'good');
    expect(release.files.map((f) => f.name)).toEqual(['a1000000_init.py', 'b2000000_item_note.py']);
  });
});
