import { afterAll, beforeAll } from 'vitest';
import { providePostgres } from './provide-postgres.js';
import type { PostgresHandle } from './types.js';

/**
 * One Postgres per test FILE: call at the top of a describe/file; the server starts in beforeAll
 * and is dropped/stopped in afterAll. Uses PROOFGATE_TEST_DATABASE_URL when set (CI starts the
 * Debian PostgreSQL 15 for it), else the normal chain (embedded here). Never picks up
 * PROOFGATE_DATABASE_URL, so a developer's real server is not used by tests by accident.
 */
export function withPostgres(): { readonly url: string; readonly handle: PostgresHandle } {
  let handle: PostgresHandle | undefined;
  beforeAll(async () => {
    handle = await providePostgres({
      databaseUrl: process.env.PROOFGATE_TEST_DATABASE_URL || undefined,
      env: { ...process.env, PROOFGATE_DATABASE_URL: undefined },
      log: () => undefined,
    });
  });
  afterAll(async () => {
    await handle?.close();
  });
  return {
    get url() {
      if (!handle) throw new Error('withPostgres(): the database is available inside tests only');
      return handle.url;
    },
    get handle() {
      if (!handle) throw new Error('withPostgres(): the database is available inside tests only');
      return handle;
    },
  };
}
