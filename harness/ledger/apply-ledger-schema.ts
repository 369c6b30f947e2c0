import type pg from 'pg';
import { InfraError, isProofgateError } from '../errors/index.js';
import { mapDbError } from './map-db-error.js';
import { readLedgerMigrations, type LedgerMigration } from './migrations.js';
import { withSessionTimeouts, type SnapshotOptions } from './snapshot.js';
import { DEFAULT_LEDGER_SCHEMA, qualify, quoteIdent } from './sql-name.js';

export interface AppliedMigrations {
  applied: string[];
  skipped: string[];
}

const LOCK_KEY = 'proofgate_ledger_migrations';

/**
 * A deliberately small runner: each file once, in order, in its own transaction, recorded with
 * its sha256 in public.proofgate_ledger_migrations; an applied file whose bytes changed is refused
 * (ERR_MIGRATION). An advisory lock serializes concurrent runners on the same database. Names
 * are schema-qualified; the files (immutable once applied: their bytes are checksummed) run with
 * search_path = the ledger schema, so a same-named table in a "$user" schema cannot catch them.
 * Lock and statement waits are bounded: a held lock is exit 2 naming it, never a hang.
 */
export async function applyLedgerSchema(
  client: pg.Client,
  migrations?: LedgerMigration[],
  options: SnapshotOptions = {},
): Promise<AppliedMigrations> {
  const list = migrations ?? (await readLedgerMigrations());
  return withSessionTimeouts(client, options, () => apply(client, list));
}

async function apply(client: pg.Client, list: LedgerMigration[]): Promise<AppliedMigrations> {
  const result: AppliedMigrations = { applied: [], skipped: [] };
  const table = qualify('proofgate_ledger_migrations');
  try {
    await client.query('SELECT pg_catalog.pg_advisory_lock(pg_catalog.hashtext($1))', [LOCK_KEY]);
  } catch (cause) {
    if ((cause as { code?: string }).code === '55P03') {
      throw new InfraError(
        'ERR_DATABASE',
        'cannot lock the database for the ledger schema: another session holds proofgate’s ledger schema lock (an import or schema run in progress); it was not granted within lock_timeout',
        {
          hint: "find it with `SELECT a.pid, a.application_name, a.query FROM pg_locks l JOIN pg_stat_activity a USING (pid) WHERE l.locktype = 'advisory'`, re-run once it has finished, or raise --lock-timeout (config database.lockTimeoutMs)",
          cause,
        },
      );
    }
    throw migrationError('cannot lock the database for the ledger schema', cause);
  }
  try {
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${table} (id text PRIMARY KEY, sha256 text NOT NULL, applied_at timestamptz NOT NULL DEFAULT pg_catalog.now())`,
    );
    const done = new Map(
      (await client.query<{ id: string; sha256: string }>(`SELECT id, sha256 FROM ${table}`)).rows.map(
        (r) => [r.id, r.sha256],
      ),
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
        await client.query(`SET LOCAL search_path = ${quoteIdent(DEFAULT_LEDGER_SCHEMA)}`);
        await client.query(m.sql);
        await client.query(`INSERT INTO ${table} (id, sha256) VALUES ($1, $2)`, [m.id, m.sha256]);
        await client.query('COMMIT');
      } catch (cause) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw migrationError(`ledger migration ${m.id} failed`, cause, table);
      }
      result.applied.push(m.id);
    }
  } catch (cause) {
    if (isProofgateError(cause)) throw cause;
    throw migrationError('cannot apply the ledger schema', cause, table);
  } finally {
    await client
      .query('SELECT pg_catalog.pg_advisory_unlock(pg_catalog.hashtext($1))', [LOCK_KEY])
      .catch(() => undefined);
  }
  return result;
}

function migrationError(what: string, cause: unknown, table?: string): InfraError {
  const e = cause as { message?: string; code?: string };
  // A lock or statement timeout is the database's state, not the migration's: name the table, exit 2.
  if (e?.code === '55P03' || e?.code === '57014')
    return mapDbError(what, cause, { access: 'write', ...(table ? { table } : {}) }) as InfraError;
  return new InfraError('ERR_MIGRATION', `${what}: ${e?.message ?? String(cause)}`, {
    hint:
      e?.code === '42501'
        ? 'permission denied: this database user may not create the ledger tables; import once as the schema owner, or GRANT CREATE ON SCHEMA public TO <user> (nothing was imported)'
        : 'check that the URL user may create tables and functions in this database',
    cause,
  });
}
