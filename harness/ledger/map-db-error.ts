import { InfraError, isProofgateError, type ProofgateError } from '../errors/index.js';
import { databaseError } from '../db/connect.js';

export interface DbErrorContext {
  /** The qualified table the failing statement read or wrote, named in lock/permission messages. */
  table?: string;
  /** What the user is doing, for the permission hint: `read` (verify, export) or `write` (import). */
  access?: 'read' | 'write';
}

const reasonOf = (cause: unknown) => {
  const e = cause as { message?: string; code?: string };
  return `${e?.message || String(cause)}${e?.code ? ` (${e.code})` : ''}`;
};

/** pg errors → InfraError ERR_DATABASE with a hint that fits the SQLSTATE; ProofgateErrors pass. */
export function mapDbError(what: string, cause: unknown, context: DbErrorContext = {}): ProofgateError {
  if (isProofgateError(cause)) return cause;
  const code = (cause as { code?: string }).code;
  const table = context.table ?? 'a ledger table';
  switch (code) {
    case '55P03':
      return new InfraError(
        'ERR_DATABASE',
        `${what}: table ${table} is locked by another session: the lock was not granted within lock_timeout (${reasonOf(cause)})`,
        {
          hint: `a migration, VACUUM FULL or LOCK TABLE holds a conflicting lock; find it with \`SELECT a.pid, l.mode, a.query FROM pg_locks l JOIN pg_stat_activity a USING (pid) WHERE l.relation = '${table.replaceAll("'", "''")}'::regclass\`, re-run once it is released, or raise --lock-timeout (config database.lockTimeoutMs)`,
          cause,
        },
      );
    case '57014':
      return new InfraError(
        'ERR_DATABASE',
        `${what}: the query on ${table} was cancelled (statement_timeout expired or pg_cancel_backend) (${reasonOf(cause)})`,
        {
          hint: 'nothing was verified; check the server load, or raise --statement-timeout (config database.statementTimeoutMs)',
          cause,
        },
      );
    case '42501':
      return new InfraError('ERR_DATABASE', `${what}: permission denied on ${table} (${reasonOf(cause)})`, {
        hint:
          context.access === 'write'
            ? 'the database user must be allowed to create the ledger tables and insert into them (GRANT CREATE ON SCHEMA …, GRANT INSERT, SELECT ON … TO <user>), or import as the ledger owner'
            : `the database user needs read access: GRANT USAGE ON SCHEMA <schema> TO <user>; GRANT SELECT ON ${table} TO <user> (proofgate only reads here)`,
        cause,
      });
    case '3F000':
      return databaseError(what, cause, {
        hint: 'the ledger schema does not exist in this database; check --schema (config database.schema) and --database-url',
      });
    case '42P01':
      return databaseError(what, cause, {
        hint: 'this database has no proofgate ledger in that schema; run `proofgate import` first or check --database-url / --schema',
      });
    case '57P01':
    case '57P02':
    case '57P03':
      return databaseError(what, cause, {
        hint: 'the server terminated the connection (restart, shutdown or pg_terminate_backend); nothing was verified — re-run',
      });
    default:
      return databaseError(what, cause);
  }
}
