import { describe, expect, it } from 'vitest';
import { InputError } from '../errors/index.js';
import { packagePath } from '../paths.js';
import { emptyLock, lockEntry, parseLock } from './lock-file.js';
import { lockRelease } from './lock-release.js';
import { releasedSet } from './released-set.js';
import { staticRules } from './static-rules.js';
import { loadFixture } from './test-helpers.js';
import type { LockFile } from './types.js';

const cwd = packagePath();
const ids = (fs: { id: string }[]): string[] => fs.map((f) => f.id);

describe('static rules (lock file, order, duplicate versions)', () => {
  it.each<[string, { candidate: string; want: string[] }]>([
    ['the base itself', { candidate: 'base', want: [] }],
    ['good', { candidate: 'good', want: [] }],
    ['edited', { candidate: 'edited', want: ['migration-edited'] }],
    ['removed', { candidate: 'removed', want: ['migration-removed'] }],
    ['renamed (same bytes)', { candidate: 'renamed', want: ['migration-renamed'] }],
    ['out of order', { candidate: 'out-of-order', want: ['migration-out-of-order'] }],
    ['duplicate version', { candidate: 'duplicate-version', want: ['migration-multiple-heads'] }],
  ])('%s', async (_name, { candidate, want }) => {
    const base = await loadFixture('sql', 'base');
    const lock: LockFile = { ...emptyLock(), releases: { '1.0.0': lockEntry(base.files) } };
    // The lock file alone and the base folder alone give the same verdict.
    const fromLock = staticRules(await loadFixture('sql', candidate), releasedSet(lock), cwd);
    const fromBase = staticRules(await loadFixture('sql', candidate), releasedSet(emptyLock(), base), cwd);
    expect(ids(fromLock)).toEqual(want);
    expect(ids(fromBase)).toEqual(want);
  });

  it('a rename that keeps the version but changes the bytes is still a rename', async () => {
    const base = await loadFixture('sql', 'base');
    const candidate = await loadFixture('sql', 'good');
    const lock: LockFile = { ...emptyLock(), releases: { '1.0.0': { ...lockEntry(base.files) } } };
    // Pretend 1.0.0 shipped 0030 under another name with other bytes.
    lock.releases['1.0.0']!['0030_note.sql'] = `sha256:${'0'.repeat(64)}`;
    expect(ids(staticRules(candidate, releasedSet(lock), cwd))).toEqual(['migration-renamed']);
  });

  it('a lock file whose releases disagree on a file is itself a migration-edited finding', async () => {
    const candidate = await loadFixture('sql', 'good');
    const lock: LockFile = {
      ...emptyLock(),
      releases: {
        '1.0.0': lockEntry(candidate.files.slice(0, 2)),
        '1.0.1': { ...lockEntry(candidate.files.slice(0, 2)), '0010_init.sql': `sha256:${'a'.repeat(64)}` },
      },
    };
    const findings = staticRules(candidate, releasedSet(lock), cwd);
    expect(ids(findings)).toEqual(['migration-edited']);
    expect(findings[0]!.message).toMatch(/different checksums in released versions \(1\.0\.0 vs 1\.0\.1\)/);
  });

  it('the command driver is checked by checksum only (no SQL ordering)', async () => {
    const base = await loadFixture('alembic', 'base');
    const edited = await loadFixture('alembic', 'edited');
    expect(ids(staticRules(edited, releasedSet(emptyLock(), base), cwd))).toEqual(['migration-edited']);
    expect(
      ids(staticRules(await loadFixture('alembic', 'good'), releasedSet(emptyLock(), base), cwd)),
    ).toEqual([]);
  });
});

describe('lock file', () => {
  it.each<[string, { given: unknown; pointer: string }]>([
    ['wrong format', { given: { format: 'x', releases: {} }, pointer: '/format' }],
    [
      'releases not an object',
      { given: { format: 'proofgate-migrations-lock/1', releases: [] }, pointer: '/releases' },
    ],
    [
      'bad checksum',
      {
        given: { format: 'proofgate-migrations-lock/1', releases: { '1': { 'a/b.sql': 'md5:1' } } },
        pointer: '/releases/1/a~1b.sql',
      },
    ],
  ])('%s → ERR_RELEASE', (_name, { given, pointer }) => {
    let err: unknown;
    try {
      parseLock(given, 'migrations.lock.json');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).code).toBe('ERR_RELEASE');
    expect((err as InputError).pointer).toBe(pointer);
  });

  it('lockRelease adds new versions only and refuses releases that break the rules', async () => {
    const base = await loadFixture('sql', 'base');
    const first = lockRelease(emptyLock(), base, 'l.json', cwd);
    expect(first.status).toBe('added');
    expect(lockRelease(first.lock, base, 'l.json', cwd).status).toBe('unchanged');
    const refused = lockRelease(first.lock, await loadFixture('sql', 'out-of-order'), 'l.json', cwd);
    expect(refused.status).toBe('refused');
    expect(ids(refused.findings)).toEqual(['migration-out-of-order']);
    expect(refused.lock).toBe(first.lock);
    const changed = { ...base, files: base.files.slice(0, 1) };
    expect(() => lockRelease(first.lock, changed, 'l.json', cwd)).toThrow(/already locked/);
  });
});
