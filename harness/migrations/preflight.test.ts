import { describe, expect, it } from 'vitest';
import { withPostgres } from '../db/testing.js';
import { packagePath } from '../paths.js';
import { preflight } from './preflight.js';
import { loadFixture, withScratchDatabase } from './test-helpers.js';

const db = withPostgres();
const cwd = packagePath();

type Want = { pass: boolean; ids: string[]; classes?: string[]; heads?: string[] };

// Every SQL-driver candidate preflighted over the same base release (1.0.0) on a fresh database.
describe('preflight: SQL driver over base 1.0.0', () => {
  it.each<[string, Want]>([
    ['good', { pass: true, ids: [], heads: ['0030'] }],
    ['concurrent-index', { pass: true, ids: [], heads: ['0030'] }],
    ['unpinned', { pass: true, ids: [], heads: ['0030'] }],
    ['drop-column-major', { pass: true, ids: ['migration-destructive-ddl'], classes: ['ban-drop-column'] }],
    ['edited', { pass: false, ids: ['migration-edited'] }],
    ['removed', { pass: false, ids: ['migration-removed'] }],
    ['renamed', { pass: false, ids: ['migration-renamed'] }],
    ['out-of-order', { pass: false, ids: ['migration-out-of-order'] }],
    ['duplicate-version', { pass: false, ids: ['migration-multiple-heads'] }],
    ['head-mismatch', { pass: false, ids: ['migration-head-mismatch'] }],
    ['fails-twice', { pass: false, ids: ['migration-not-idempotent'] }],
    ['changes-twice', { pass: false, ids: ['migration-not-idempotent'] }],
    ['drop-column-minor', { pass: false, ids: ['migration-destructive-ddl'], classes: ['ban-drop-column'] }],
    ['apply-fails', { pass: false, ids: ['migration-apply-failed'] }],
  ])('%s', async (name, want) => {
    const base = await loadFixture('sql', 'base');
    const candidate = await loadFixture('sql', name);
    const result = await withScratchDatabase(db.url, (url) =>
      preflight({ candidate, base, databaseUrl: url, cwd }),
    );
    const blocking = result.findings.filter((f) => f.id !== 'migration-lint');
    expect([...new Set(blocking.map((f) => f.id))]).toEqual(want.ids);
    expect(result.pass).toBe(want.pass);
    if (want.classes) expect([...new Set(blocking.map((f) => f.class))]).toEqual(want.classes);
    if (want.heads) expect(result.heads).toEqual(want.heads);
    for (const f of blocking) expect(f.file).toMatch(/^fixtures\/migrations\/sql\//);
  });

  it('every rule ran for a passing SQL candidate (none skipped but the command-only one)', async () => {
    const base = await loadFixture('sql', 'base');
    const candidate = await loadFixture('sql', 'good');
    const result = await withScratchDatabase(db.url, (url) =>
      preflight({ candidate, base, databaseUrl: url, cwd }),
    );
    expect(result.checks.filter((c) => c.skipped).map((c) => c.id)).toEqual([]);
    expect(result.checks.every((c) => c.pass)).toBe(true);
    expect(result.schemaDigest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a release that pins no head lists the head rule as not checked', async () => {
    const base = await loadFixture('sql', 'base');
    const candidate = await loadFixture('sql', 'unpinned');
    const result = await withScratchDatabase(db.url, (url) =>
      preflight({ candidate, base, databaseUrl: url, cwd }),
    );
    expect(result.pass).toBe(true);
    expect(result.checks.find((c) => c.id === 'migration-head-mismatch')).toMatchObject({
      skipped: true,
      message: expect.stringMatching(/pins no head/),
    });
  });

  it('without a database the database rules are skipped, never passed silently', async () => {
    const base = await loadFixture('sql', 'base');
    const candidate = await loadFixture('sql', 'fails-twice');
    const result = await preflight({ candidate, base, cwd });
    expect(result.pass).toBe(true); // the static rules found nothing …
    const skipped = result.checks.filter((c) => c.skipped).map((c) => c.id);
    expect(skipped).toEqual([
      'migration-head-mismatch',
      'migration-apply-failed',
      'migration-not-idempotent',
    ]);
  });

  it('messages name the rule evidence (edited: both checksums)', async () => {
    const base = await loadFixture('sql', 'base');
    const candidate = await loadFixture('sql', 'edited');
    const { findings } = await preflight({ candidate, base, cwd });
    expect(findings[0]).toMatchObject({
      id: 'migration-edited',
      level: 'error',
      file: 'fixtures/migrations/sql/edited/migrations/0020_tags.sql',
    });
    expect(findings[0]!.message).toMatch(
      /released in 1\.0\.0 \(base\) with sha256:[0-9a-f]{64} but now has sha256:/,
    );
  });

  it('is deterministic: the same inputs give the same findings and digest', async () => {
    const base = await loadFixture('sql', 'base');
    const candidate = await loadFixture('sql', 'changes-twice');
    const run = () =>
      withScratchDatabase(db.url, (url) => preflight({ candidate, base, databaseUrl: url, cwd }));
    const [a, b] = [await run(), await run()];
    expect(b.findings).toEqual(a.findings);
    expect(b.schemaDigest).toEqual(a.schemaDigest);
  });
});
