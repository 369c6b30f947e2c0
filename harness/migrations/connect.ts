import pg from 'pg';
import { InfraError } from '../errors/index.js';

/** Opens one client; an unreachable database is ERR_DATABASE (exit 2), with the password never echoed. */
export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: 'proofgate-migrations' });
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    throw new InfraError('ERR_DATABASE', `cannot connect to the database: ${(e as Error).message}`, {
      hint: 'check the database URL and that the server is running',
      cause: e,
    });
  }
  // An error on an idle client would otherwise crash the process.
  client.on('error', () => undefined);
  return client;
}

export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await connect(url);
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
