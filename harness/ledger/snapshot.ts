import type pg from 'pg';
import { UsageError } from '../errors/index.js';
import { mapDbError } from './map-db-error.js';

/** How long a reader waits for a table lock before giving up (exit 2 naming the table). */
export const DEFAULT_LOCK_TIMEOUT_MS = 10_000;
/** How long one metadata query may run. Record/anchor streams are bounded by lock_timeout only. */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 120_000;

export interface SnapshotOptions {
  lockTimeoutMs?: number | undefined;
  statementTimeoutMs?: number | undefined;
}

function millis(name: string, v: number | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  // 0 would mean "wait forever" to Postgres: exactly the hang these bounds exist to prevent.
  if (!Number.isSafeInteger(v) || v <= 0 || v > 2_147_483_647) {
    throw new UsageError(`${name} must be a whole number of milliseconds > 0, not ${JSON.stringify(v)}`);
  }
  return v;
}

/** The lock and statement timeouts (ms) of `options`, defaults applied, checked (0 = wait forever is refused). */
export function boundedTimeouts(options: SnapshotOptions = {}): { lock: number; statement: number } {
  return {
    lock: millis('lock timeout', options.lockTimeoutMs, DEFAULT_LOCK_TIMEOUT_MS),
    statement: millis('statement timeout', options.statementTimeoutMs, DEFAULT_STATEMENT_TIMEOUT_MS),
  };
}

/**
 * Runs `fn` with bounded lock and statement timeouts on the session of `client` (writers: import,
 * the ledger schema), then puts the session's own values back: a locked table or a held schema
 * lock is an error naming it, never a hang.
 */
export async function withSessionTimeouts<T>(
  client: pg.Client,
  options: SnapshotOptions,
  fn: () => Promise<T>,
): Promise<T> {
  const { lock, statement } = boundedTimeouts(options);
  let prev: { l: string; s: string };
  try {
    prev = (
      await client.query<{ l: string; s: string }>(
        "SELECT pg_catalog.current_setting('lock_timeout') AS l, pg_catalog.current_setting('statement_timeout') AS s",
      )
    ).rows[0]!;
    await client.query(`SET lock_timeout = ${lock}; SET statement_timeout = ${statement}`);
  } catch (cause) {
    throw mapDbError('setting the lock and statement timeouts', cause);
  }
  try {
    return await fn();
  } finally {
    await client
      .query(
        "SELECT pg_catalog.set_config('lock_timeout', $1, false), pg_catalog.set_config('statement_timeout', $2, false)",
        [prev.l, prev.s],
      )
      .catch(() => undefined);
  }
}

/**
 * Starts ONE `READ ONLY`, `REPEATABLE READ` transaction on `client` with bounded lock and
 * statement timeouts: every read of the run (metadata, keys, COPY streams) then sees one
 * snapshot, nothing can be written through it, and a locked table is an error, not a hang.
 * The server drops the session itself if the client dies while it is idle in the transaction.
 */
export async function beginSnapshot(client: pg.Client, options: SnapshotOptions = {}): Promise<void> {
  const { lock, statement } = boundedTimeouts(options);
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await client.query(
      // search_path = pg_catalog: tables are schema-qualified, and no function or operator can be
      // shadowed by a same-named one in a schema the user controls.
      `SET LOCAL search_path = pg_catalog; SET LOCAL lock_timeout = ${lock}; SET LOCAL statement_timeout = ${statement}; SET LOCAL idle_in_transaction_session_timeout = ${Math.max(statement, lock, 60_000)}`,
    );
  } catch (cause) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw mapDbError('starting a read-only snapshot', cause);
  }
}

/** Ends the snapshot (read only: COMMIT and ROLLBACK are the same; errors do not matter). */
export async function endSnapshot(client: pg.Client): Promise<void> {
  await client.query('ROLLBACK').catch(() => undefined);
}

/** `fn` inside one snapshot on `client`; the snapshot ends however `fn` ends. */
export async function withSnapshot<T>(
  client: pg.Client,
  options: SnapshotOptions,
  fn: () => Promise<T>,
): Promise<T> {
  await beginSnapshot(client, options);
  try {
    return await fn();
  } finally {
    await endSnapshot(client);
  }
}
