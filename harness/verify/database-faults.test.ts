// Fault suite (issue 14): a ledger database that lies about itself or will not answer must end in
// FAIL or exit 2, never PASS or a hang. Synchronised on database state, never on time.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { withPostgres } from '../db/testing.js';
import { importBundle } from '../ledger/index.js';
import { captureContext } from '../testing/capture-context.js';
import { databaseSource } from './database-source.js';
import type { VerifyReportBody } from './finalize.js';
import { tempBundle } from './testing.js';
import { verifyLog } from './verify-log.js';

const db = withPostgres();
let b: Awaited<ReturnType<typeof tempBundle>>;
let admin: pg.Client;
let clean: VerifyReportBody;

async function run(...argv: string[]) {
  const ctx = captureContext(b.dir);
  const code = await main(['verify-proofs', '--database-url', db.url, '--workers', '1', ...argv], ctx);
  return { code, out: ctx.stdoutText(), err: ctx.stderrText() };
}

/** The stored JWS of `seq` in the bundle (to put a tampered row back). */
async function jwsOf(seq: number): Promise<string> {
  return (JSON.parse((await b.lines())[seq]!) as { jws: string }).jws;
}

/**
 * Sets record `seq`'s JWS (default: record seq+1's, a valid JWS in the wrong place). The ledger's
 * append-only triggers are bypassed the way an attacker with superuser would.
 */
async function setJws(client: pg.Client, table: string, seq: number, jws?: string): Promise<void> {
  await client.query("SET session_replication_role = 'replica'");
  await client.query(
    `UPDATE ${table} SET jws = ${jws === undefined ? `(SELECT jws FROM ${table} WHERE seq = $2)` : '$2'} WHERE seq = $1`,
    [seq, jws ?? seq + 1],
  );
  await client.query('RESET session_replication_role');
}

beforeAll(async () => {
  b = await tempBundle(200, 50, 'database-faults');
  await importBundle(b.dir, db.url);
  admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  admin.on('error', () => undefined);
  const r = await run('--format', 'json', '--deterministic');
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  clean = JSON.parse(r.out) as VerifyReportBody;
});
afterAll(async () => {
  await admin?.end();
  await b?.remove();
});

describe('verify-proofs --database-url faults', () => {
  it('a clean copy in a schema named after the user does not hide a tampered ledger', async () => {
    const user = (await admin.query<{ u: string }>('SELECT current_user AS u')).rows[0]!.u;
    const shadow = admin.escapeIdentifier(user);
    // The default search_path is "$user", public: unqualified names would read the shadow.
    await admin.query(`CREATE SCHEMA ${shadow}`);
    for (const t of ['ledger_meta', 'ledger_keys', 'ledger_records', 'ledger_anchors'])
      await admin.query(`CREATE TABLE ${shadow}.${t} AS TABLE public.${t}`);
    await setJws(admin, 'public.ledger_records', 120);
    try {
      const r = await run('--format', 'json');
      expect(r.code).toBe(1);
      expect(JSON.parse(r.out).failures[0]).toMatchObject({ seq: 120 });
      // The shadow is still a readable ledger when named explicitly: the schema is configurable.
      const s = await run('--schema', user, '--format', 'json', '--deterministic');
      expect(s.code).toBe(0);
      expect(JSON.parse(s.out).verificationDigest).toBe(clean.verificationDigest);
    } finally {
      await admin.query(`DROP SCHEMA ${shadow} CASCADE`);
      await setJws(admin, 'public.ledger_records', 120, await jwsOf(120));
    }
    expect((await run()).code).toBe(0);
  });

  it('the whole run reads one snapshot: a record rewritten after it started is not seen', async () => {
    const source = await databaseSource(db.url);
    let report;
    try {
      // Committed after the source opened its snapshot, before any record was streamed.
      await setJws(admin, 'public.ledger_records', 10);
      report = (await verifyLog(source, { workers: 0 })).report!;
    } finally {
      await source.close();
    }
    try {
      const body = report.body as unknown as VerifyReportBody;
      expect(body.verdict).toBe('PASS');
      expect(body.verificationDigest).toBe(clean.verificationDigest);
      // The next run, a new snapshot, sees the rewrite.
      const now = await run('--format', 'json');
      expect(now.code).toBe(1);
      expect(JSON.parse(now.out).failures[0]).toMatchObject({ seq: 10 });
    } finally {
      await setJws(admin, 'public.ledger_records', 10, await jwsOf(10));
    }
    expect((await run()).code).toBe(0);
  });

  it.each([
    [
      'lock timeout',
      ['--lock-timeout', '50'],
      /table "public"\."ledger_records" is locked by another session.*\n.*pg_locks/,
    ],
    [
      'statement timeout (it counts the wait too)',
      ['--lock-timeout', '600000', '--statement-timeout', '50'],
      /the query on "public"\."ledger_records" was cancelled \(statement_timeout.*\n.*--statement-timeout/,
    ],
  ])(
    'a table locked by another session: exit 2 by the %s naming it, no session left waiting',
    async (_n, flags, msg) => {
      const holder = new pg.Client({ connectionString: db.url });
      await holder.connect();
      try {
        await holder.query('BEGIN');
        await holder.query('LOCK TABLE public.ledger_records IN ACCESS EXCLUSIVE MODE');
        // The lock is granted (visible in pg_locks) before the run starts.
        const held = await admin.query(
          "SELECT 1 FROM pg_locks WHERE relation = 'public.ledger_records'::regclass AND mode = 'AccessExclusiveLock' AND granted",
        );
        expect(held.rowCount).toBe(1);
        const r = await run(...flags);
        expect(r.code).toBe(2);
        expect(r.err).toMatch(msg);
        const waiting = await admin.query(
          "SELECT 1 FROM pg_stat_activity WHERE application_name = 'proofgate' AND wait_event_type = 'Lock'",
        );
        expect(waiting.rowCount).toBe(0);
      } finally {
        await holder.query('ROLLBACK');
        await holder.end();
      }
    },
  );

  it('a user without SELECT gets "permission denied" with the GRANT to run (exit 2)', async () => {
    const role = `tf_reader_${process.pid}`;
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'reader-pw'`);
    try {
      const u = new URL(db.url);
      u.username = role;
      u.password = 'reader-pw';
      const ctx = captureContext(b.dir);
      const code = await main(['verify-proofs', '--database-url', u.toString()], ctx);
      expect(code).toBe(2);
      expect(ctx.stderrText()).toMatch(/permission denied on "public"\."ledger_meta"/);
      expect(ctx.stderrText()).toMatch(/GRANT SELECT ON "public"\."ledger_meta"/);
      expect(ctx.stderrText()).not.toMatch(/reader-pw/);
    } finally {
      await admin.query(`DROP ROLE ${role}`);
    }
  });

  it.each([
    ['--lock-timeout', '0'],
    ['--statement-timeout', 'soon'],
    ['--schema', 'bad\u0000name'],
  ])('%s %j is a usage error (exit 2)', async (flag, value) => {
    const r = await run(flag, value);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/ERR_USAGE|whole number|identifier/);
  });
});
