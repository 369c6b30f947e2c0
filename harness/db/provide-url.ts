import { randomBytes } from 'node:crypto';
import { InfraError } from '../errors/index.js';
import { connectClient, databaseError } from './connect.js';
import { redactUrl, withDatabase } from './redact.js';
import { readServerInfo } from './server-info.js';
import type { PostgresHandle } from './types.js';

/**
 * Bring-your-own server: connect with the given URL, CREATE a uniquely named database
 * `proofgate_<random>`, hand out its URL, DROP it on close. No other database is touched.
 */
export async function provideFromUrl(adminUrl: string): Promise<PostgresHandle> {
  const database = `proofgate_${randomBytes(6).toString('hex')}`;
  const admin = await connectClient(adminUrl);
  let info;
  try {
    info = await readServerInfo(admin);
    await admin.query(`CREATE DATABASE ${database}`);
  } catch (cause) {
    if (cause instanceof InfraError) throw cause;
    throw databaseError(`cannot create a scratch database on ${redactUrl(adminUrl)}`, cause, {
      hint: 'the URL user needs CREATEDB (proofgate creates and drops its own proofgate_* database there)',
    });
  } finally {
    await admin.end().catch(() => undefined);
  }
  let closed = false;
  return {
    url: withDatabase(adminUrl, database),
    provider: 'url',
    serverVersion: info.serverVersion,
    major: info.major,
    async close() {
      if (closed) return;
      closed = true;
      const c = await connectClient(adminUrl);
      try {
        // WITH (FORCE) (PG 13+) ends sessions still connected to our own scratch database.
        const force = info.major >= 13 ? ' WITH (FORCE)' : '';
        await c.query(`DROP DATABASE IF EXISTS ${database}${force}`);
      } catch (cause) {
        throw databaseError(`cannot drop scratch database ${database}`, cause);
      } finally {
        await c.end().catch(() => undefined);
      }
    },
  };
}
