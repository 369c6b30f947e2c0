import { relative } from 'node:path';
import type { Finding } from '../report/index.js';
import { SQL_FILE_NAME } from './list-files.js';
import type { ReleasedFile } from './released-set.js';
import type { MigrationFile, MigrationRelease } from './types.js';

const versionOf = (name: string): bigint | undefined => {
  const m = SQL_FILE_NAME.exec(name);
  return m === null ? undefined : BigInt(m[1] as string);
};

/**
 * The lock-file rules (Flyway validate / atlas.sum style) and, for the SQL driver, the ordering rules.
 * Pure: compares file names and checksums, no database. Returns findings in a deterministic order.
 */
export function staticRules(
  candidate: MigrationRelease,
  released: ReadonlyMap<string, ReleasedFile>,
  cwd: string,
): Finding[] {
  const findings: Finding[] = [];
  const where = (f: MigrationFile): string => relative(cwd, f.path) || f.path;
  const releasedWhere = (name: string): string => relative(cwd, `${candidate.migrationsDir}/${name}`) || name;
  const sql = candidate.driver.driver === 'sql';
  const byName = new Map(candidate.files.map((f) => [f.name, f]));
  const renameTargets = new Set<string>();

  for (const entry of [...released.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const list = (r: string[]): string => r.join(', ');
    if (entry.checksums.length > 1)
      findings.push({
        id: 'migration-edited',
        level: 'error',
        message: `${entry.name} has different checksums in released versions (${entry.checksums
          .map((c) => list(c.releases))
          .join(' vs ')}): a released migration was edited`,
        file: releasedWhere(entry.name),
      });
    const file = byName.get(entry.name);
    const first = entry.checksums[0]!;
    if (file) {
      const match = entry.checksums.some((c) => c.checksum === file.checksum);
      if (!match)
        findings.push({
          id: 'migration-edited',
          level: 'error',
          message: `${entry.name} was released in ${list(first.releases)} with ${first.checksum} but now has ${file.checksum}; released migrations are immutable, add a new migration instead`,
          file: where(file),
        });
      continue;
    }
    // Gone under this name: the same bytes, or (SQL) the same version, under another name is a rename.
    const version = sql ? versionOf(entry.name) : undefined;
    const target = candidate.files.find(
      (f) =>
        !released.has(f.name) &&
        !renameTargets.has(f.name) &&
        (entry.checksums.some((c) => c.checksum === f.checksum) ||
          (version !== undefined && f.order === version)),
    );
    if (target) {
      renameTargets.add(target.name);
      findings.push({
        id: 'migration-renamed',
        level: 'error',
        message: `${entry.name} (released in ${list(first.releases)}) was renamed to ${target.name}; a database that applied it would apply it again or miss it`,
        file: where(target),
      });
    } else
      findings.push({
        id: 'migration-removed',
        level: 'error',
        message: `${entry.name} (released in ${list(first.releases)}) is missing from the candidate; released migrations may never be removed`,
        file: releasedWhere(entry.name),
      });
  }

  if (sql) {
    const seen = new Map<bigint, MigrationFile>();
    for (const f of candidate.files) {
      const prior = seen.get(f.order!);
      if (prior)
        findings.push({
          id: 'migration-multiple-heads',
          level: 'error',
          message: `${prior.name} and ${f.name} share version ${f.order}; exactly one migration per version keeps one head`,
          file: where(f),
        });
      else seen.set(f.order!, f);
    }
    const releasedVersions = [...released.keys()].map(versionOf).filter((v): v is bigint => v !== undefined);
    const maxReleased = releasedVersions.reduce<bigint | undefined>(
      (m, v) => (m === undefined || v > m ? v : m),
      undefined,
    );
    if (maxReleased !== undefined)
      for (const f of candidate.files)
        if (!released.has(f.name) && !renameTargets.has(f.name) && f.order! <= maxReleased)
          findings.push({
            id: 'migration-out-of-order',
            level: 'error',
            message: `new migration ${f.name} is ordered at or before released version ${maxReleased}; databases already past it would never apply it (forward-only: give it a version above ${maxReleased})`,
            file: where(f),
          });
  }
  return findings;
}
