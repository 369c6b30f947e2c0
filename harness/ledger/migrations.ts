import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InfraError } from '../errors/index.js';
import { packagePath } from '../paths.js';

export interface LedgerMigration {
  /** e.g. "0001_ledger" (file name without .sql). */
  id: string;
  file: string;
  sql: string;
  sha256: string;
}

/** The folder with the ledger's SQL migrations (NNNN_<name>.sql, applied in name order). */
export const LEDGER_MIGRATIONS_DIR = packagePath('harness', 'ledger', 'migrations');

const NAME = /^(\d{4})_[a-z0-9_]+\.sql$/;

/** Reads the migration files in order; a stray file name is an error, not silently skipped. */
export async function readLedgerMigrations(dir = LEDGER_MIGRATIONS_DIR): Promise<LedgerMigration[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.sql')).sort();
  } catch (cause) {
    throw new InfraError('ERR_MIGRATION', `cannot read ledger migrations in ${dir}`, {
      hint: 'the proofgate package is incomplete; reinstall it',
      cause,
    });
  }
  const out: LedgerMigration[] = [];
  for (const name of names) {
    if (!NAME.test(name)) {
      throw new InfraError('ERR_MIGRATION', `ledger migration ${name} is not named NNNN_<name>.sql`);
    }
    const file = join(dir, name);
    const sql = await readFile(file, 'utf8');
    out.push({ id: name.slice(0, -4), file, sql, sha256: createHash('sha256').update(sql).digest('hex') });
  }
  return out;
}
