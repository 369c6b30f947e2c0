import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { provideFromUrl, withDatabase } from '../db/index.js';
import { packagePath } from '../paths.js';
import { withClient } from './connect.js';
import { loadMigrationRelease } from './load-release.js';
import type { MigrationRelease } from './types.js';

/** Test-only: the fixture release sets in fixtures/migrations/. */
export const FIXTURES = packagePath('fixtures/migrations');

export function fixture(...parts: string[]): string {
  return join(FIXTURES, ...parts);
}

export function loadFixture(...parts: string[]): Promise<MigrationRelease> {
  return loadMigrationRelease(fixture(...parts));
}

/** A fresh scratch database on the test server (one per case), dropped after `fn`. */
export async function withScratchDatabase<T>(serverUrl: string, fn: (url: string) => Promise<T>): Promise<T> {
  const handle = await provideFromUrl(serverUrl);
  try {
    return await fn(handle.url);
  } finally {
    await handle.close();
  }
}

/** A fresh database copied from `template` (CREATE DATABASE … TEMPLATE), dropped after `fn`. */
export async function withDatabaseFrom<T>(
  serverUrl: string,
  template: string,
  fn: (url: string) => Promise<T>,
): Promise<T> {
  const name = `proofgate_case_${randomBytes(6).toString('hex')}`;
  const templateName = decodeURIComponent(new URL(template).pathname.slice(1));
  await withClient(serverUrl, (c) =>
    c.query(`CREATE DATABASE ${name} TEMPLATE "${templateName.replaceAll('"', '""')}"`),
  );
  try {
    return await fn(withDatabase(serverUrl, name));
  } finally {
    await withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}
