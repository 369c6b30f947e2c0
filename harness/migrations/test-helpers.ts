import { join } from 'node:path';
import { provideFromUrl } from '../db/index.js';
import { packagePath } from '../paths.js';
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
