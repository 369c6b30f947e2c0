import type { Finding } from '../report/index.js';
import { withClient } from './connect.js';
import { driverFor } from './driver.js';
import { readHistory } from './sql-driver.js';
import type { MigrationRelease } from './types.js';

export interface MigrationStatus {
  heads: string[];
  /** SQL driver: applied file names, in version order. */
  applied: string[];
  /** SQL driver: files not applied yet. */
  pending: string[];
  /** The history disagrees with the release: edited or unknown applied migrations (FAIL). */
  findings: Finding[];
}

/** Where a database stands relative to a release (read-only). */
export async function migrationStatus(release: MigrationRelease, url: string): Promise<MigrationStatus> {
  const heads = await driverFor(release).heads(url);
  if (release.driver.driver !== 'sql') return { heads, applied: [], pending: [], findings: [] };
  const history = (await withClient(url, readHistory)) ?? [];
  const byName = new Map(release.files.map((f) => [f.name, f]));
  const findings: Finding[] = [];
  for (const row of history) {
    const file = byName.get(row.name);
    if (!file)
      findings.push({
        id: 'migration-removed',
        level: 'error',
        message: `the database applied ${row.name} (${row.checksum}), which release ${release.artifact.version} does not have`,
        file: row.name,
      });
    else if (file.checksum !== row.checksum)
      findings.push({
        id: 'migration-edited',
        level: 'error',
        message: `${row.name} was applied with ${row.checksum} but the file now has ${file.checksum}`,
        file: row.name,
      });
  }
  const applied = new Set(history.map((r) => r.name));
  return {
    heads,
    applied: history.map((r) => r.name),
    pending: release.files.filter((f) => !applied.has(f.name)).map((f) => f.name),
    findings,
  };
}
