import { randomBytes } from 'node:crypto';
import { InfraError } from '../errors/index.js';
import { connectClient, databaseError } from './connect.js';
import { redactUrl, withDatabase } from './redact.js';
import { dropScratchSync, scratchOwner, sweepDeadScratch } from './scratch-owner.js';
import { readServerInfo } from './server-info.js';
import type { PostgresHandle } from './types.js';

/** Scratch databases of this process still to drop if it exits early (a signal, process.exit). */
const live = new Map<string, { adminUrl: string; suffix: string }>();
let exitHooked = false;
function dropLiveOnExit(): void {
  for (const [database, { adminUrl, suffix }] of live) dropScratchSync(adminUrl, database, suffix);
  live.clear();
}

/**
 * Bring-your-own server: connect with the given URL, CREATE a uniquely named database
 * `proofgate_<random>` marked with its owner (COMMENT ON DATABASE), hand out its URL, DROP it on
 * close, or on exit when the run ends early. Databases of dead earlier runs, proven by their
 * marker (scratch-owner.ts), are dropped first. No other database is touched.
 */
export async function provideFromUrl(
  adminUrl: string,
  log: (line: string) => void = () => undefined,
): Promise<PostgresHandle> {
  const database = `proofgate_${randomBytes(6).toString('hex')}`;
  const admin = await connectClient(adminUrl);
  let info;
  let suffix = '';
  try {
    info = await readServerInfo(admin);
    // WITH (FORCE) (PG 13+) ends sessions still connected to our own scratch database.
    suffix = info.major >= 13 ? ' WITH (FORCE)' : '';
    // A sweep that fails (e.g. a dead run's database is still in use) never stops this run.
    const swept = await sweepDeadScratch(admin, suffix).catch((e: Error) => {
      log(`postgres: could not drop scratch databases of killed runs: ${e.message}`);
      return [];
    });
    if (swept.length > 0)
      log(
        `postgres: dropped ${swept.length} scratch database(s) of killed proofgate runs: ${swept.join(', ')}`,
      );
    await admin.query(`CREATE DATABASE ${database}`);
    live.set(database, { adminUrl, suffix });
    if (!exitHooked) {
      exitHooked = true;
      process.on('exit', dropLiveOnExit);
    }
    await admin.query(
      `COMMENT ON DATABASE ${database} IS ${admin.escapeLiteral(JSON.stringify(scratchOwner()))}`,
    );
  } catch (cause) {
    if (live.delete(database))
      await admin.query(`DROP DATABASE IF EXISTS ${database}${suffix}`).catch(() => undefined);
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
        await c.query(`DROP DATABASE IF EXISTS ${database}${suffix}`);
        live.delete(database);
      } catch (cause) {
        throw databaseError(`cannot drop scratch database ${database}`, cause);
      } finally {
        await c.end().catch(() => undefined);
      }
    },
  };
}
