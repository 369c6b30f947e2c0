import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient } from './connect.js';
import { checkPostgresMajor } from './check-major.js';
import { providePostgres } from './provide-postgres.js';
import { withDatabase } from './redact.js';

// The URL provider against a separately started real server: CI runs scripts/ci-postgres.sh
// (the Debian PostgreSQL 15) and exports PROOFGATE_TEST_DATABASE_URL.
const ADMIN = process.env.PROOFGATE_TEST_DATABASE_URL;
if (!ADMIN) {
  console.warn(
    '[proofgate tests] SKIPPED URL-provider tests: PROOFGATE_TEST_DATABASE_URL is not set (eval "$(scripts/ci-postgres.sh start)" to run them)',
  );
}

async function databases(): Promise<string[]> {
  const c = await connectClient(ADMIN!);
  try {
    return (await c.query<{ d: string }>('SELECT datname AS d FROM pg_database ORDER BY 1')).rows.map(
      (r) => r.d,
    );
  } finally {
    await c.end();
  }
}

describe.skipIf(!ADMIN)('providePostgres with an explicit URL (Debian PostgreSQL 15)', () => {
  const role = `proofgate_nocreatedb_${randomBytes(4).toString('hex')}`;
  beforeAll(async () => {
    const c = await connectClient(ADMIN!);
    await c.query(`CREATE ROLE ${role} LOGIN PASSWORD 'pw' NOCREATEDB`);
    await c.end();
  });
  afterAll(async () => {
    const c = await connectClient(ADMIN!);
    await c.query(`DROP ROLE IF EXISTS ${role}`);
    await c.end();
  });

  it('creates its own proofgate_* database, reports the server, drops only that database', async () => {
    const before = await databases();
    const lines: string[] = [];
    const h = await providePostgres({ databaseUrl: ADMIN!, log: (l) => lines.push(l) });
    expect(h.provider).toBe('url');
    expect(h.major).toBe(15);
    expect(h.serverVersion).toMatch(/^15\./);
    expect(checkPostgresMajor(h, 15)).toBeUndefined();
    expect(checkPostgresMajor(h, 16)?.id).toBe('postgres-major-mismatch');
    const name = new URL(h.url).pathname.slice(1);
    expect(name).toMatch(/^proofgate_[0-9a-f]{12}$/);
    expect(await databases()).toEqual([...before, name].sort());
    expect(lines.join('\n')).not.toContain(new URL(ADMIN!).password);
    // a session left open on our database must not block the drop
    const open = await connectClient(h.url);
    await h.close();
    await open.end().catch(() => undefined);
    expect(await databases()).toEqual(before);
  });

  it('PROOFGATE_DATABASE_URL is used when no URL is passed, before any other provider', async () => {
    const lines: string[] = [];
    const h = await providePostgres({ env: { PROOFGATE_DATABASE_URL: ADMIN! }, log: (l) => lines.push(l) });
    try {
      expect(h.provider).toBe('url');
      expect(lines.some((l) => l.includes('testcontainers'))).toBe(false);
    } finally {
      await h.close();
    }
  });

  it.each([
    ['a user without CREATEDB', () => withUser(role, 'pw'), /CREATEDB/],
    ['a wrong password', () => withUser(role, 'wrong'), /reachable|password/],
    [
      'a database that does not exist',
      () => withDatabase(ADMIN!, 'proofgate_no_such_db'),
      /reachable|database/,
    ],
  ])('%s → ERR_DATABASE with a hint', async (_n, url, hint) => {
    const err = await providePostgres({ databaseUrl: url(), log: () => undefined }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ERR_DATABASE' });
    expect((err as { hint: string }).hint).toMatch(hint);
  });
});

function withUser(user: string, password: string): string {
  const u = new URL(ADMIN!);
  u.username = user;
  u.password = password;
  return u.toString();
}
