import { InputError } from '../errors/index.js';
import type { Finding } from '../report/index.js';
import { lockEntry } from './lock-file.js';
import { releasedSet } from './released-set.js';
import { staticRules } from './static-rules.js';
import type { LockFile, MigrationRelease } from './types.js';

export interface LockOutcome {
  /** The lock with the release added (unchanged when it was already recorded identically). */
  lock: LockFile;
  status: 'added' | 'unchanged' | 'refused';
  /** Why it was refused: the release edits, removes, renames or reorders released migrations. */
  findings: Finding[];
}

/**
 * Records a new release's migration checksums. Never rewrites a released entry (ERR_RELEASE), and
 * refuses a release that breaks the preflight lock rules against what is already released.
 */
export function lockRelease(
  lock: LockFile,
  release: MigrationRelease,
  lockFile: string,
  cwd: string,
): LockOutcome {
  const version = release.artifact.version;
  const entry = lockEntry(release.files);
  const existing = lock.releases[version];
  if (existing !== undefined) {
    const same =
      JSON.stringify(Object.entries(existing).sort()) === JSON.stringify(Object.entries(entry).sort());
    if (same) return { lock, status: 'unchanged', findings: [] };
    throw new InputError(
      'ERR_RELEASE',
      `release ${version} is already locked with other migration checksums`,
      {
        file: lockFile,
        pointer: `/releases/${version}`,
        hint: 'a released version is immutable: give the release a new version',
      },
    );
  }
  const findings = staticRules(release, releasedSet(lock), cwd).filter((f) => f.level === 'error');
  if (findings.length > 0) return { lock, status: 'refused', findings };
  return {
    lock: { ...lock, releases: { ...lock.releases, [version]: entry } },
    status: 'added',
    findings: [],
  };
}
