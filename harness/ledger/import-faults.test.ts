// Fault suite (issue 14, #8 import part and "Resources and faults"): `import` never reports success
// for data it did not store byte for byte, and every fault is exit 2 with what happened and what
// to do, with nothing half-written. Bad bundles: fixtures/faults/import. Synchronised on pg_locks.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { withPostgres } from '../db/testing.js';
import { packagePath } from '../paths.js';
import { captureContext } from '../testing/capture-context.js';
import { applyLedgerSchema } from './apply-ledger-schema.js';

const db = withPostgres();
let admin: pg.Client;
const F = (name: string) => packagePath(`fixtures/faults/import/${name}`);

async function run(argv: string[], url = db.url) {
  const ctx = captureContext();
  const code = await main([...argv, '--database-url', url], ctx);
  return { code, out: ctx.stdoutText(), err: ctx.stderrText() };
}

/** Nothing of any log was stored. */
async function ledgerIsEmpty(): Promise<void> {
  const r = await admin.query(
    'SELECT (SELECT count(*) FROM public.ledger_meta) + (SELECT count(*) FROM public.ledger_records) + (SELECT count(*) FROM public.ledger_keys) AS n',
  );
  expect(Number(r.rows[0].n)).toBe(0);
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  admin.on('error', () => undefined);
  await applyLedgerSchema(admin);
});
afterAll(async () => admin?.end());

describe('import faults', () => {
  it.each([
    [
      'invalid UTF-8 in a record',
      'invalid-utf8-record',
      /records\.jsonl:7: invalid UTF-8 at byte offset 3371 \(byte 0xff\)/,
    ],
    [
      'invalid UTF-8 in the manifest',
      'invalid-utf8-manifest',
      /manifest\.json: invalid UTF-8 at byte offset \d+ \(byte 0xc3\)/,
    ],
    ['a NUL in the origin', 'nul-origin', /manifest\.json #\/origin: .*control character/],
    ['a NUL in a record', 'nul-in-record', /records\.jsonl.*NUL|cannot store/],
  ])('%s: exit 2 naming the place, nothing stored', async (_n, fixture, msg) => {
    const r = await run(['import', '--bundle', F(fixture)]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(msg);
    expect(r.err).not.toMatch(/internal error|Cannot read properties/);
    await ledgerIsEmpty();
  });

  it('verify-proofs --bundle refuses invalid UTF-8 the same way (no U+FFFD)', async () => {
    const ctx = captureContext();
    const code = await main(['verify-proofs', '--bundle', F('invalid-utf8-record'), '--workers', '1'], ctx);
    expect(code).toBe(2);
    expect(ctx.stderrText()).toMatch(/records\.jsonl:7: invalid UTF-8 at byte offset 3371/);
  });

  it('a user without INSERT gets "permission denied" and the GRANT to run; nothing stored', async () => {
    const role = `tf_importer_${process.pid}`;
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'importer-pw'`);
    try {
      // May read the migration table (the schema is there), may write nothing.
      await admin.query(`GRANT SELECT ON public.proofgate_ledger_migrations TO ${role}`);
      const u = new URL(db.url);
      u.username = role;
      u.password = 'importer-pw';
      const r = await run(['import', '--bundle', packagePath('fixtures/history/small')], u.toString());
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/permission denied/);
      expect(r.err).toMatch(/GRANT/);
      expect(r.err).not.toMatch(/importer-pw/);
      await ledgerIsEmpty();
    } finally {
      await admin.query(`DROP OWNED BY ${role}`);
      await admin.query(`DROP ROLE ${role}`);
    }
  });

  it('a connection terminated during the COPY: exit 2 saying so, the transaction rolled back', async () => {
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    await holder.query('BEGIN');
    // SHARE blocks the import's COPY (ROW EXCLUSIVE) but not its SELECTs: it stops inside the COPY.
    await holder.query('LOCK TABLE public.ledger_records IN SHARE MODE');
    const importing = run(['import', '--bundle', packagePath('fixtures/history/small')]);
    let pid: number | undefined;
    for (let i = 0; i < 10_000 && pid === undefined; i++) {
      const r = await admin.query<{ pid: number }>(
        "SELECT pid FROM pg_locks WHERE relation = 'public.ledger_records'::regclass AND mode = 'RowExclusiveLock' AND NOT granted",
      );
      pid = r.rows[0]?.pid;
    }
    expect(pid).toBeDefined();
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    const r = await importing;
    await holder.query('ROLLBACK');
    await holder.end();
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/connection .*(lost|terminated)/);
    expect(r.err).toMatch(/nothing was imported/);
    expect(r.err).not.toMatch(/Cannot read properties/);
    await ledgerIsEmpty();
  });

  it.each([
    [
      'a table lock (LOCK TABLE ledger_meta)',
      'LOCK TABLE public.ledger_meta IN ACCESS EXCLUSIVE MODE',
      "SELECT 1 FROM pg_locks WHERE relation = 'public.ledger_meta'::regclass AND mode = 'AccessExclusiveLock' AND granted",
      /table "public"\."ledger_meta" is locked by another session.*\n.*pg_locks/,
    ],
    [
      'the ledger schema lock (another import or schema run)',
      "SELECT pg_advisory_lock(hashtext('proofgate_ledger_migrations'))",
      "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = pg_backend_pid()",
      /another session holds proofgate’s ledger schema lock.*\n.*pg_locks/,
    ],
  ])(
    '%s held by another session: exit 2 by lock_timeout with a hint, nothing stored, no session left waiting',
    async (_n, take, held, msg) => {
      const holder = new pg.Client({ connectionString: db.url });
      await holder.connect();
      try {
        await holder.query('BEGIN');
        await holder.query(take);
        // Granted (visible in pg_locks) before the import starts: it must wait, then give up.
        expect((await holder.query(held)).rowCount).toBe(1);
        const r = await run([
          'import',
          '--bundle',
          packagePath('fixtures/history/small'),
          '--lock-timeout',
          '50',
        ]);
        expect(r.code).toBe(2);
        expect(r.err).toMatch(/ERR_DATABASE/);
        expect(r.err).toMatch(msg);
        expect(r.err).toMatch(/--lock-timeout/);
        const waiting = await admin.query(
          "SELECT 1 FROM pg_stat_activity WHERE application_name = 'proofgate' AND wait_event_type = 'Lock'",
        );
        expect(waiting.rowCount).toBe(0);
      } finally {
        await holder.query('ROLLBACK');
        await holder.query('SELECT pg_advisory_unlock_all()');
        await holder.end();
      }
      await ledgerIsEmpty();
    },
  );

  it('a shadow ledger in the "$user" schema (first on the default search_path) receives nothing', async () => {
    const name = `import_shadow_${process.pid}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(db.url);
    u.pathname = `/${name}`;
    const target = new pg.Client({ connectionString: u.toString() });
    await target.connect();
    try {
      // The schema (applied first) in public; a same-named copy of every table in the user's schema.
      await applyLedgerSchema(target);
      const user = (await target.query<{ u: string }>('SELECT current_user AS u')).rows[0]!.u;
      await target.query(`CREATE SCHEMA "${user}"`);
      for (const t of [
        'ledger_meta',
        'ledger_keys',
        'ledger_records',
        'ledger_anchors',
        'proofgate_ledger_migrations',
      ])
        await target.query(`CREATE TABLE "${user}".${t} (LIKE public.${t} INCLUDING ALL)`);
      const r = await run(['import', '--bundle', packagePath('fixtures/history/small')], u.toString());
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const n = async (schema: string) =>
        Number(
          (
            await target.query(
              `SELECT (SELECT count(*) FROM "${schema}".ledger_meta) + (SELECT count(*) FROM "${schema}".ledger_records) AS n`,
            )
          ).rows[0].n,
        );
      expect(await n('public')).toBeGreaterThan(1);
      expect(await n(user)).toBe(0);
    } finally {
      await target.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });
});
