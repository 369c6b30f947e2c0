import type pg from 'pg';
import { InfraError } from '../errors/index.js';
import { readLedgerMigrations, type LedgerMigration } from './migrations.js';

export interface AppliedMigrations {
  applied: string[];
  skipped: string[];
}

/**
 * A deliberately small runner: each file once, in order, in its own transaction, recorded with
 * its sha256 in proofgate_ledger_migrations; an applied file whose bytes changed is refused
 * (ERR_MIGRATION). An advisory lock serializes concurrent runners on the same database.
 */
export async function applyLedgerSchema(
  client: pg.Client,
  migrations?: LedgerMigration[],
): Promise<AppliedMigrations> {
  const list = migrations ?? (await readLedgerMigrations());
  const result: AppliedMigrations = { applied: [], skipped: [] };
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', ['proofgate_ledger_migrations']);
  } catch (cause) {
    throw migrationError('cannot lock the database for the ledger schema', cause);
  }
  try {
    await client.query(
      'CREATE TABLE IF NOT EXISTS proofgate_ledger_migrations (id text PRIMARY KEY, sha256 text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Map(
      (
        await client.query<{ id: string; sha256: string }>(
          'SELECT id, sha256 FROM proofgate_ledger_migrations',
        )
      ).rows.map((r) => [r.id, r.sha256]),
    );
    for (const m of list) {
      const prior = done.get(m.id);
      if (prior !== undefined) {
        if (prior !== m.sha256) {
          throw new InfraError(
            'ERR_MIGRATION',
            `ledger migration ${m.id} was applied with different contents (sha256 ${prior.slice(0, 12)}…, file now ${m.sha256.slice(0, 12)}…)`,
            {
              hint: 'applied migrations are immutable; add a new NNNN_<name>.sql instead of editing one',
            },
          );
        }
        result.skipped.push(m.id);
        continue;
      }
      try {
        await client.query('BEGIN');
        await client.query(m.sql);
        await client.query('INSERT INTO proofgate_ledger_migrations (id, sha256) VALUES ($1, $2)', [
          m.id,
          m.sha256,
        ]);
        await client.query('COMMIT');
      } catch (cause) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw migrationError(`ledger migration ${m.id} failed`, cause);
      }
      result.applied.push(m.id);
    }
  } catch (cause) {
    if (cause instanceof InfraError) throw cause;
    throw migrationError('cannot apply the ledger schema', cause);
  } finally {
    await client
      .query('SELECT pg_advisory_unlock(hashtext($1))', ['proofgate_ledger_migrations'])
      .catch(() => undefined);
  }
  return result;
}

function migrationError(what: string, cause: unknown): InfraError {
  const e = cause as { message?: string; code?: string };
  return new InfraError('ERR_MIGRATION', `${what}: ${e?.message ?? String(cause)}`, {
    hint:
      e?.code === '42501'
        ? 'permission denied: this database user may not create the ledger tables; import once as the schema owner, or GRANT CREATE ON SCHEMA public TO <user> (nothing was imported)'
        : 'check that the URL user may create tables and functions in this database',
    cause,
  });
}
