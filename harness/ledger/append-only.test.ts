import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient } from '../db/connect.js';
import { withPostgres } from '../db/testing.js';
import { applyLedgerSchema } from './apply-ledger-schema.js';
import { readLedgerMigrations } from './migrations.js';

const db = withPostgres();
let c: pg.Client;

beforeAll(async () => {
  c = await connectClient(db.url);
  const first = await applyLedgerSchema(c);
  expect(first.applied).toEqual(['0001_ledger']);
  await c.query(`INSERT INTO ledger_meta VALUES ('example.com/log', ARRAY['k1+00000000+AQ'])`);
  await c.query(
    `INSERT INTO ledger_keys VALUES ('k1', 'EdDSA', '{"crv":"Ed25519","kty":"OKP","use":"sig","x":"AA"}', '2026-01-01T00:00:00Z', NULL, NULL),
                                    ('k2', 'ES256', '{}', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z', NULL)`,
  );
  await c.query(
    `INSERT INTO ledger_records VALUES ('example.com/log', 0, 'a.b.c'), ('example.com/log', 1, 'd.e.f')`,
  );
  await c.query(
    `INSERT INTO ledger_anchors VALUES ('example.com/log', 2, 'example.com/log\n2\nAA==\n\n— x AA==\n')`,
  );
});
afterAll(async () => {
  await c?.end();
});

async function refused(sql: string): Promise<{ code?: string; message: string }> {
  const err = (await c.query(sql).then(
    () => undefined,
    (e: unknown) => e,
  )) as { code?: string; message: string } | undefined;
  expect(err, `expected the database to refuse: ${sql}`).toBeDefined();
  return err!;
}

describe('ledger append-only triggers', () => {
  it.each([
    ['UPDATE a record', `UPDATE ledger_records SET jws = 'x.y.z' WHERE seq = 0`],
    ['DELETE a record', `DELETE FROM ledger_records WHERE seq = 1`],
    ['TRUNCATE records', `TRUNCATE ledger_records`],
    ['UPDATE an anchor', `UPDATE ledger_anchors SET checkpoint = 'forged'`],
    ['DELETE an anchor', `DELETE FROM ledger_anchors`],
    ['TRUNCATE anchors', `TRUNCATE ledger_anchors`],
    ['DELETE a key (dropped key)', `DELETE FROM ledger_keys WHERE kid = 'k1'`],
    ['TRUNCATE keys', `TRUNCATE ledger_keys`],
    ['rebind a kid', `UPDATE ledger_keys SET public_jwk = '{"x":"BB"}' WHERE kid = 'k1'`],
    ['change an alg', `UPDATE ledger_keys SET alg = 'ES256' WHERE kid = 'k1'`],
    ['extend a validity', `UPDATE ledger_keys SET valid_until = '2030-01-01Z' WHERE kid = 'k2'`],
    ['move valid_from', `UPDATE ledger_keys SET valid_from = '2020-01-01Z' WHERE kid = 'k1'`],
    [
      'revoke and rebind at once',
      `UPDATE ledger_keys SET revoked_at = now(), public_jwk = '{}' WHERE kid = 'k1'`,
    ],
    ['rename the origin', `UPDATE ledger_meta SET origin = 'other'`],
    ['drop a note key', `UPDATE ledger_meta SET note_keys = ARRAY[]::text[]`],
    ['replace a note key', `UPDATE ledger_meta SET note_keys = ARRAY['other+00000000+AQ']`],
    ['DELETE meta', `DELETE FROM ledger_meta`],
    ['TRUNCATE meta', `TRUNCATE ledger_meta`],
    ['TRUNCATE all (CASCADE)', `TRUNCATE ledger_records, ledger_anchors, ledger_keys, ledger_meta CASCADE`],
  ])('%s is refused', async (_name, sql) => {
    const err = await refused(sql);
    expect(err.code).toBe('P0001');
    expect(err.message).toMatch(/proofgate ledger is append-only/);
  });

  it('a duplicate (log, seq) cannot replace a record', async () => {
    const err = await refused(`INSERT INTO ledger_records VALUES ('example.com/log', 0, 'x.y.z')`);
    expect(err.code).toBe('23505');
  });

  it('records, anchors and keys are unchanged after all refused statements', async () => {
    const r = await c.query(
      `SELECT string_agg(seq || ':' || jws, ',' ORDER BY seq) AS s FROM ledger_records`,
    );
    expect(r.rows[0].s).toBe('0:a.b.c,1:d.e.f');
    const k = await c.query(`SELECT count(*)::int AS n FROM ledger_keys WHERE revoked_at IS NULL`);
    expect(k.rows[0].n).toBe(2);
  });

  it('revoked_at may be set once from NULL, never changed or cleared', async () => {
    await c.query(`UPDATE ledger_keys SET revoked_at = '2026-06-01T00:00:00Z' WHERE kid = 'k1'`);
    expect((await refused(`UPDATE ledger_keys SET revoked_at = '2026-07-01Z' WHERE kid = 'k1'`)).code).toBe(
      'P0001',
    );
    expect((await refused(`UPDATE ledger_keys SET revoked_at = NULL WHERE kid = 'k1'`)).code).toBe('P0001');
  });

  it('note keys may be appended (rotation)', async () => {
    await c.query(`UPDATE ledger_meta SET note_keys = note_keys || ARRAY['k2+00000001+AQ']`);
    const r = await c.query(`SELECT note_keys FROM ledger_meta`);
    expect(r.rows[0].note_keys).toEqual(['k1+00000000+AQ', 'k2+00000001+AQ']);
  });

  it('exact signed bytes are kept (text, not jsonb)', async () => {
    const r = await c.query(
      `SELECT data_type FROM information_schema.columns WHERE table_name = 'ledger_records' AND column_name = 'jws'`,
    );
    expect(r.rows[0].data_type).toBe('text');
  });
});

describe('applyLedgerSchema', () => {
  it('is a no-op the second time', async () => {
    const again = await applyLedgerSchema(c);
    expect(again).toEqual({ applied: [], skipped: ['0001_ledger'] });
  });

  it('refuses an applied migration whose file was edited (ERR_MIGRATION)', async () => {
    const list = await readLedgerMigrations();
    const edited = list.map((m) => ({ ...m, sql: m.sql + '\n-- edited', sha256: '0'.repeat(64) }));
    const err = await applyLedgerSchema(c, edited).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ERR_MIGRATION' });
  });

  it('a failing migration rolls back and reports ERR_MIGRATION', async () => {
    const bad = [
      {
        id: '9999_bad',
        file: 'x',
        sql: 'CREATE TABLE t9 (a int); SELECT * FROM nope',
        sha256: 'f'.repeat(64),
      },
    ];
    const err = await applyLedgerSchema(c, bad).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ERR_MIGRATION' });
    const t = await c.query(`SELECT to_regclass('t9') AS t`);
    expect(t.rows[0].t).toBeNull();
  });
});
