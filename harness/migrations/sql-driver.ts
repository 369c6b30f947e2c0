import { readFile } from 'node:fs/promises';
import type pg from 'pg';
import { InfraError } from '../errors/index.js';
import { withClient } from './connect.js';
import { describePgError, MigrationFailure } from './migration-failure.js';
import type { MigrationFile } from './types.js';

export const HISTORY_TABLE = 'proofgate_migrations';

const CREATE_HISTORY = `CREATE TABLE IF NOT EXISTS ${HISTORY_TABLE} (
  version text PRIMARY KEY,
  name text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;
// One runner at a time per database (pg_advisory_lock, PostgreSQL §9.27.10); the key is arbitrary but fixed.
const LOCK_KEY = 7_240_151_001;

export interface HistoryRow {
  version: string;
  name: string;
  checksum: string;
}

export async function readHistory(client: pg.Client): Promise<HistoryRow[] | undefined> {
  const exists = await client.query<{ t: string | null }>(`SELECT to_regclass($1) AS t`, [HISTORY_TABLE]);
  if (exists.rows[0]?.t == null) return undefined;
  const res = await client.query<HistoryRow>(
    `SELECT version, name, checksum FROM ${HISTORY_TABLE} ORDER BY version::numeric, name`,
  );
  return res.rows;
}

async function runFile(client: pg.Client, file: MigrationFile, record: boolean): Promise<void> {
  const sql = await readFile(file.path, 'utf8');
  const recordRow = async (): Promise<void> => {
    if (record)
      await client.query(`INSERT INTO ${HISTORY_TABLE} (version, name, checksum) VALUES ($1, $2, $3)`, [
        file.version,
        file.name,
        file.checksum,
      ]);
  };
  if (file.noTransaction) {
    // e.g. CREATE INDEX CONCURRENTLY, which cannot run inside a transaction block.
    try {
      await client.query(sql);
    } catch (e) {
      throw new MigrationFailure(describePgError(e, sql), { file: file.name, cause: e });
    }
    await recordRow();
    return;
  }
  await client.query('BEGIN');
  try {
    await client.query(sql);
    await recordRow();
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw new MigrationFailure(describePgError(e, sql), { file: file.name, cause: e });
  }
}

/**
 * Applies the pending files in version order, each in its own transaction together with its history
 * row. Refuses (fail closed, like Flyway validate) when the history disagrees with the files: an applied
 * migration edited or missing, or a pending one ordered below the applied head.
 */
export async function applySqlMigrations(
  url: string,
  files: readonly MigrationFile[],
): Promise<MigrationFile[]> {
  return withClient(url, async (client) => {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    try {
      await client.query(CREATE_HISTORY);
      const history = (await readHistory(client)) ?? [];
      const byName = new Map(files.map((f) => [f.name, f]));
      for (const row of history) {
        const file = byName.get(row.name);
        if (!file)
          throw new InfraError(
            'ERR_MIGRATION',
            `the database applied ${row.name}, which this release does not have`,
            {
              hint: 'released migrations may never be removed or renamed',
            },
          );
        if (file.checksum !== row.checksum)
          throw new InfraError(
            'ERR_MIGRATION',
            `${row.name} was applied with ${row.checksum} but the file now has ${file.checksum}`,
            { hint: 'released migrations are immutable: revert the edit and add a new migration' },
          );
      }
      const applied = new Set(history.map((r) => r.name));
      const top = history.reduce<bigint | undefined>(
        (m, r) => (m === undefined || BigInt(r.version) > m ? BigInt(r.version) : m),
        undefined,
      );
      const pending = files.filter((f) => !applied.has(f.name));
      for (const f of pending)
        if (top !== undefined && f.order! <= top)
          throw new InfraError('ERR_MIGRATION', `${f.name} is ordered before the applied head ${top}`, {
            hint: 'migrations are forward-only: give it a version above the head',
          });
      for (const f of pending) await runFile(client, f, true);
      return pending;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    }
  });
}

/** Runs the files' SQL once more without touching the history: the rerun-safety probe of the rehearsal. */
export async function reexecuteSqlMigrations(url: string, files: readonly MigrationFile[]): Promise<void> {
  await withClient(url, async (client) => {
    for (const f of files) await runFile(client, f, false);
  });
}

/** The applied head: the highest version in the history table (none when nothing was applied). */
export async function sqlHeads(url: string): Promise<string[]> {
  return withClient(url, async (client) => {
    const history = await readHistory(client);
    const last = history?.at(-1);
    return last === undefined ? [] : [last.version];
  });
}
