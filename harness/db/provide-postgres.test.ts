import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient } from './connect.js';
import { checkPostgresMajor } from './check-major.js';
import { providePostgres } from './provide-postgres.js';
import type { PostgresHandle } from './types.js';

describe('providePostgres (auto chain on a machine without Docker)', () => {
  const lines: string[] = [];
  let h: PostgresHandle;
  let startMs = 0;
  beforeAll(async () => {
    const t = Date.now();
    h = await providePostgres({ env: { HOME: '/nonexistent' }, log: (l) => lines.push(l) });
    startMs = Date.now() - t;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('falls through to embedded PostgreSQL 15 and says why testcontainers was skipped, once', async () => {
    expect(h.provider).toBe('embedded');
    expect(h.major).toBe(15);
    expect(h.serverVersion).toMatch(/^15\.\d+/);
    const skipped = lines.filter((l) => l.includes('testcontainers skipped'));
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatch(/no container runtime answered within 3 s/);
    console.log(`embedded start: ${startMs} ms`);
  });

  it('hands out a fresh database that accepts queries', async () => {
    const c = await connectClient(h.url);
    try {
      const r = await c.query<{ db: string }>('SELECT current_database() AS db');
      expect(r.rows[0]?.db).toMatch(/^proofgate_[0-9a-f]{12}$/);
    } finally {
      await c.end();
    }
  });
});

describe('checkPostgresMajor', () => {
  it.each([
    ['same major', { major: 15, target: 15, want: undefined }],
    ['older server', { major: 14, target: 15, want: 'postgres-major-mismatch' }],
    ['newer server', { major: 16, target: 15, want: 'postgres-major-mismatch' }],
    ['target 16 matches', { major: 16, target: 16, want: undefined }],
  ])('%s', (_name, { major, target, want }) => {
    const f = checkPostgresMajor({ provider: 'url', serverVersion: `${major}.2`, major }, target);
    expect(f?.id).toBe(want);
    if (f) expect(f.level).toBe('error');
  });
});

describe('bad URLs fail fast with ERR_DATABASE', () => {
  it.each([
    ['nothing listens on the port', 'postgres://u:p@127.0.0.1:1/db'],
    ['unresolvable host', 'postgres://u:p@proofgate-no-such-host.invalid:5432/db'],
  ])('%s', async (_name, url) => {
    const err = await providePostgres({ databaseUrl: url, log: () => undefined }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ERR_DATABASE', exitCode: 2 });
    expect((err as Error).message).not.toContain(':p@');
    expect((err as { hint?: string }).hint).toMatch(/reachable/);
  });

  it('an unroutable address ends in ERR_DATABASE (at once, or by the connect timeout)', async () => {
    // 10.255.255.1: unroutable at once, a SYN into nowhere, or a sandbox that cuts it: the network
    // decides which; that it ends in ERR_DATABASE is ours. No wall-clock bound: that would be a guess.
    const err = await providePostgres({
      databaseUrl: 'postgres://u:p@10.255.255.1:5432/db',
      log: () => undefined,
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ERR_DATABASE', exitCode: 2 });
  });

  it('a server that accepts TCP but never answers is cut off by the connect timeout', async () => {
    const silent = createServer(() => undefined);
    const port = await new Promise<number>((resolve) =>
      silent.listen(0, '127.0.0.1', () => resolve((silent.address() as { port: number }).port)),
    );
    try {
      // The message proves the connect timeout ended it (the server never answers, so nothing else can).
      const err = await connectClient(`postgres://u:p@127.0.0.1:${port}/db`, { timeoutMs: 500 }).catch(
        (e: unknown) => e,
      );
      expect(err).toMatchObject({ code: 'ERR_DATABASE', message: /timeout/i });
    } finally {
      silent.close();
    }
  });

  it('provider "url" without a URL is a config error', async () => {
    const err = await providePostgres({ provider: 'url', env: {}, log: () => undefined }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'ERR_CONFIG' });
  });

  it('provider "testcontainers" without a runtime is ERR_PROVIDER, not a silent fallback', async () => {
    const err = await providePostgres({
      provider: 'testcontainers',
      env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' },
      log: () => undefined,
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ERR_PROVIDER' });
    expect(existsSync('/nonexistent')).toBe(false);
  });
});
