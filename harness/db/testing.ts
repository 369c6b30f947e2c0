import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { connectClient } from './connect.js';
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

/**
 * Databases of a test file's own on the test server (a shared URL server outlives the run):
 * `create(prefix)` makes an empty `<prefix>_<hex>` and returns its URL; every one is dropped after
 * the file. Call after `withPostgres()` (hooks run in reverse: these drops come first).
 */
export function scratchDatabases(server: { readonly url: string }): {
  create(prefix: string): Promise<string>;
} {
  const made: string[] = [];
  const admin = async (text: string): Promise<void> => {
    const c = await connectClient(server.url);
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  };
  afterAll(async () => {
    for (const name of made.splice(0)) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
  return {
    async create(prefix) {
      const name = `${prefix}_${randomBytes(4).toString('hex')}`;
      made.push(name);
      await admin(`CREATE DATABASE ${name}`);
      const u = new URL(server.url);
      u.pathname = `/${name}`;
      return u.toString();
    },
  };
}
