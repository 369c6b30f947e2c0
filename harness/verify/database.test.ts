import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { connectClient } from '../db/connect.js';
import { withPostgres } from '../db/testing.js';
import { applyLedgerSchema, importBundle } from '../ledger/index.js';
import { packagePath } from '../paths.js';
import { canonicalJson } from '../report/index.js';
import { childPids, processEnded, until } from '../testing/until.js';
import { bundleSource } from './bundle-source.js';
import { databaseSource } from './database-source.js';
import type { VerifyReportBody } from './finalize.js';
import type { LogSource } from './source.js';
import { tempBundle } from './testing.js';
import { verifyLog } from './verify-log.js';

const db = withPostgres();
let b: Awaited<ReturnType<typeof tempBundle>>;

beforeAll(async () => {
  b = await tempBundle(2500, 500, 'database-tests');
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await applyLedgerSchema(client);
  await client.end();
  await importBundle(b.dir, db.url);
});
afterAll(async () => b?.remove());

const digests = (body: VerifyReportBody) => ({
  verdict: body.verdict,
  verificationDigest: body.verificationDigest,
  contentRoots: body.contentRoots,
  keyBindingDigest: body.keyBindingDigest,
  keys: body.keys,
  counts: body.counts,
});

// A database source holds one snapshot transaction (and a lock on ledger_records) until closed, as
// the CLI does after every run; a test that left one open would make later LOCK TABLEs wait.
async function verifyDb(options: Parameters<typeof verifyLog>[1], log?: string) {
  const source = await databaseSource(db.url, log);
  try {
    return await verifyLog(source, options);
  } finally {
    await source.close();
  }
}

describe('verify-proofs against Postgres', () => {
  it('the same data through --bundle and --database-url gives the same digests', async () => {
    const fromBundle = (await verifyLog(await bundleSource(b.dir), { workers: 2 })).report!;
    const fromDb = (await verifyDb({ workers: 2 })).report!;
    expect(fromDb.pass).toBe(true);
    const body = fromDb.body as unknown as VerifyReportBody;
    expect(body.source).toMatchObject({
      kind: 'database',
      provider: 'url',
      serverVersion: expect.stringMatching(/^15\./),
    });
    expect(canonicalJson(digests(body))).toBe(
      canonicalJson(digests(fromBundle.body as unknown as VerifyReportBody)),
    );
  });

  it('shards of a database run cover disjoint ranges and merge to the same digests', async () => {
    const single = (await verifyDb({ workers: 0 })).report!;
    const { finalize } = await import('./finalize.js');
    const states = [];
    for (let k = 0; k < 3; k++)
      states.push((await verifyDb({ workers: 0, shard: { index: k, count: 3 } })).state);
    expect(states.map((s) => s.rows)).toEqual([833, 833, 834]);
    expect(canonicalJson(finalize(states).body)).toBe(canonicalJson(single.body));
  });

  // With workers, tasks are still in flight when the stream fails: their rejections (the pool
  // closes) must not crash the process or hide the cause.
  it.each([0, 2])(
    'a connection dropped mid-stream ends in ERR_DATABASE (exit 2), never a verdict (%i workers)',
    async (workers) => {
      // A second, large log (50 MB) so the COPY is still sending when its backend is terminated.
      const killer = new pg.Client({ connectionString: db.url });
      await killer.connect();
      const log = `big-${workers}.example/log`;
      await killer.query('INSERT INTO ledger_meta VALUES ($1, $2)', [log, '{}']);
      await killer.query(
        "INSERT INTO ledger_records SELECT $1, g, repeat('x', 1000) FROM generate_series(0, 49999) g",
        [log],
      );
      const source = await databaseSource(db.url, log);
      const dropping: LogSource = {
        ...source,
        async *batches(from, to, size) {
          let n = 0;
          for await (const batch of source.batches(from, to, size)) {
            yield batch;
            if (++n === 1) {
              const r = await killer.query(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'COPY%ledger_records%' AND pid <> pg_backend_pid()",
              );
              expect(r.rowCount).toBe(1);
            }
          }
        },
      };
      try {
        await expect(verifyLog(dropping, { workers, batchSize: 64 })).rejects.toMatchObject({
          code: 'ERR_DATABASE',
        });
      } finally {
        // The source holds its snapshot transaction (and its lock on ledger_records) until closed:
        // left open, the next test's LOCK TABLE waits for it.
        await source.close();
        await killer.end();
      }
    },
  );

  // The ledger is locked before the run starts, so the run cannot finish until the test lets it: it
  // is provably mid-run (its lock request waits in pg_locks) when it is killed. `proofgate
  // verify-proofs` re-executes itself with tuned heap flags, so two processes are involved.
  it.each([
    ['the process group (launcher and verifier)', 'group'],
    ['the launcher alone (the verifier must follow it)', 'launcher'],
  ] as const)(
    'a run killed mid-run leaves no report behind, so nothing can read it as PASS: %s',
    async (_n, target) => {
      const out = join(b.dir, `killed-${target}.json`);
      const holder = await connectClient(db.url);
      // pg_stat_activity is read once per transaction: the holder's open one would never see the run.
      const watcher = await connectClient(db.url);
      try {
        await holder.query('BEGIN');
        await holder.query('LOCK TABLE ledger_records IN ACCESS EXCLUSIVE MODE');
        const child = spawn(
          process.execPath,
          [
            packagePath('bin/proofgate.js'),
            'verify-proofs',
            '--database-url',
            db.url,
            '--origin',
            b.history.origin,
            // It waits behind the lock until it is killed, however slowly this machine gets there.
            '--lock-timeout',
            '600000',
            '--out',
            out,
          ],
          { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
        );
        const exited = new Promise<NodeJS.Signals | null>((resolve) =>
          child.once('exit', (_c, s) => resolve(s)),
        );
        let stderr = '';
        child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
        const blocked = until(async () => {
          // A client's request only: autovacuum may be queued behind the lock as well.
          const r = await watcher.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a USING (pid)
            WHERE l.relation = 'ledger_records'::regclass AND NOT l.granted
              AND a.backend_type = 'client backend' AND a.pid <> pg_backend_pid()`,
          );
          return r.rows[0]!.n > 0;
        });
        // Ending before it blocks would be a bug of its own: say so rather than wait forever.
        expect(await Promise.race([blocked.then(() => 'blocked'), exited.then(() => stderr)])).toBe(
          'blocked',
        );
        const verifiers = childPids(child.pid!);
        expect(verifiers).toHaveLength(1);
        process.kill(target === 'group' ? -child.pid! : child.pid!, 'SIGKILL');
        expect(await exited).toBe('SIGKILL');
        // The verifier is not our child: no exit event reaches this process, so watch /proc.
        await until(() => processEnded(verifiers[0]!));
        await holder.query('ROLLBACK');
        expect(existsSync(out)).toBe(false);
      } finally {
        await holder.end();
        await watcher.end();
      }
    },
  );

  it('an unreachable database is ERR_DATABASE with a hint', async () => {
    await expect(databaseSource('postgres://nobody@127.0.0.1:1/none')).rejects.toMatchObject({
      code: 'ERR_DATABASE',
    });
  });

  it('the CLI starts its threads before connecting: an unreachable database is still exit 2, and the process ends', async () => {
    // A pool left open would keep the verifier alive: the close event below would never come.
    const child = spawn(
      process.execPath,
      [
        packagePath('bin', 'proofgate.js'),
        'verify-proofs',
        '--database-url',
        'postgres://nobody@127.0.0.1:1/none',
        '--workers',
        '2',
      ],
      { cwd: b.dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    onTestFailed(() => {
      child.kill('SIGKILL'); // a hung run (the test timed out): its verifier follows the launcher
    });
    expect(await closed).toBe(2);
    expect(err).toContain('ERR_DATABASE');
  });
});
