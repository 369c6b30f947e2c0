import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseDriverConfig } from './driver-config.js';
import { listCommandMigrations, listSqlMigrations } from './list-files.js';
import { readJsonFile } from './read-json.js';
import { parseReleaseJson } from './release-artifact.js';
import type { MigrationRelease } from './types.js';

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/**
 * Reads a release folder: `release.json` (the artifact), optional `migrations.json` (the driver;
 * default: SQL files in `migrations/`) and the migration files. Malformed input → ERR_RELEASE.
 */
export async function loadMigrationRelease(dir: string): Promise<MigrationRelease> {
  const root = resolve(dir);
  const artifactFile = join(root, 'release.json');
  const artifact = parseReleaseJson(await readJsonFile(artifactFile, 'release.json'), artifactFile);
  const driverFile = join(root, 'migrations.json');
  const driver = parseDriverConfig(
    (await exists(driverFile)) ? await readJsonFile(driverFile, 'migrations.json') : undefined,
    driverFile,
  );
  const migrationsDir = join(root, driver.dir);
  const files =
    driver.driver === 'sql'
      ? await listSqlMigrations(migrationsDir)
      : await listCommandMigrations(migrationsDir);
  return { dir: root, artifact, driver, migrationsDir, files };
}
