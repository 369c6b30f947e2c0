import pg from 'pg';
import { InfraError } from '../errors/index.js';
import { redactUrl } from './redact.js';

/** Connection attempts give up after this long, so an unreachable URL fails fast (exit 2). */
export const CONNECT_TIMEOUT_MS = 5_000;

/**
 * Opens one pg client or throws InfraError ERR_DATABASE with a hint. Errors emitted later on an
 * idle client (server shutdown, terminated backend) are swallowed here so they cannot crash the
 * process; the next query on that client rejects and is mapped by its caller.
 */
export async function connectClient(
  url: string,
  options: { timeoutMs?: number; applicationName?: string } = {},
): Promise<pg.Client> {
  let client: pg.Client;
  try {
    client = new pg.Client({
      connectionString: url,
      connectionTimeoutMillis: options.timeoutMs ?? CONNECT_TIMEOUT_MS,
      application_name: options.applicationName ?? 'proofgate',
    });
  } catch (cause) {
    throw new InfraError('ERR_DATABASE', `invalid database URL ${redactUrl(url)}: ${String(cause)}`, {
      hint: 'use postgres://USER:PASSWORD@HOST:PORT/DATABASE',
      cause,
    });
  }
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (cause) {
    await client.end().catch(() => undefined);
    throw databaseError(`cannot connect to ${redactUrl(url)}`, cause, {
      hint: 'check that the server is running and reachable, and the user, password and database in the URL',
    });
  }
  return client;
}

/** Maps a pg/network failure to InfraError ERR_DATABASE (exit 2), keeping the driver's reason. */
export function databaseError(what: string, cause: unknown, options: { hint?: string } = {}): InfraError {
  const e = cause as { message?: string; code?: string } | undefined;
  const reason = e?.message || e?.code || String(cause);
  return new InfraError('ERR_DATABASE', `${what}: ${reason}${e?.code ? ` (${e.code})` : ''}`, {
    hint: options.hint ?? 'the database connection failed; re-run once the server is reachable',
    cause,
  });
}
