import { afterAll, beforeAll } from 'vitest';
import { providePostgres } from './provide-postgres.js';
import type { PostgresHandle, ProvideOptions } from './types.js';

/**
 * The provider options every test uses: PROOFGATE_TEST_DATABASE_URL when set (CI starts the Debian
 * PostgreSQL 15 for it: one server for the whole run, a fresh database per caller), else the normal
 * chain (embedded here). Never PROOFGATE_DATABASE_URL, so a developer's real server is not used by
 * tests by accident.
 */
export function testProvideOptions(): ProvideOptions {
  return {
    databaseUrl: process.env.PROOFGATE_TEST_DATABASE_URL || undefined,
    env: { ...process.env, PROOFGATE_DATABASE_URL: undefined },
    log: () => undefined,
  };
}

/**
 * One Postgres per test FILE: call at the top of a describe/file; the database is provided in
 * beforeAll (see testProvideOptions) and dropped/stopped in afterAll.
 */
export function withPostgres(): { readonly url: string; readonly handle: PostgresHandle } {
  let handle: PostgresHandle | undefined;
  beforeAll(async () => {
    handle = await providePostgres(testProvideOptions());
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
