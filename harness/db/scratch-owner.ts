import { procStart } from './instance-dir.js';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import { pathToFileURL } from 'node:url';
import type pg from 'pg';

// Scratch databases on a team's server carry their owner in a COMMENT ON DATABASE, so a run killed
// with SIGKILL (no cleanup possible) leaves a database the next run can prove is proofgate's and
// orphaned: named proofgate_<12 hex>, owned by the connecting role, commented with this marker,
// made on this host by a process that no longer exists (pid + boot id + process start time).

export const SCRATCH_FORMAT = 'proofgate-scratch/1';
export const SCRATCH_NAME = /^proofgate_[0-9a-f]{12}$/;

export interface ScratchOwner extends ProcessIdentity {
  format: typeof SCRATCH_FORMAT;
}

/** Who a process is, well enough to tell later that it is gone (also used by the gate's folder lock). */
export interface ProcessIdentity {
  pid: number;
  host: string;
  /** Linux: /proc/sys/kernel/random/boot_id and the process's start time in clock ticks. */
  boot?: string;
  start?: string;
}

export function processIdentity(pid = process.pid): ProcessIdentity {
  const boot = bootId();
  const start = procStart(pid) ?? undefined;
  return {
    pid,
    host: hostname(),
    ...(boot === undefined ? {} : { boot }),
    ...(start === undefined ? {} : { start }),
  };
}

export function scratchOwner(pid = process.pid): ScratchOwner {
  return { format: SCRATCH_FORMAT, ...processIdentity(pid) };
}

/** Provably dead: same host, and the pid is gone, or the machine rebooted, or the pid was reused. */
export function ownerIsDead(o: ProcessIdentity): boolean {
  if (o.host !== hostname()) return false; // another machine's process: cannot tell, keep it
  const boot = bootId();
  if (o.boot !== undefined && boot !== undefined && o.boot !== boot) return true;
  try {
    process.kill(o.pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
  const start = procStart(o.pid) ?? undefined;
  return o.start !== undefined && start !== undefined && o.start !== start;
}

export function parseOwner(comment: string | null): ScratchOwner | undefined {
  if (comment === null) return undefined;
  try {
    const o = JSON.parse(comment) as ScratchOwner;
    return o.format === SCRATCH_FORMAT && Number.isInteger(o.pid) && typeof o.host === 'string'
      ? o
      : undefined;
  } catch {
    return undefined;
  }
}

/** Drops the scratch databases of dead proofgate runs (see above); returns their names. */
export async function sweepDeadScratch(admin: pg.Client, dropSuffix: string): Promise<string[]> {
  const { rows } = await admin.query<{ datname: string; comment: string | null }>(
    `SELECT d.datname, pg_catalog.shobj_description(d.oid, 'pg_database') AS comment
       FROM pg_catalog.pg_database d
      WHERE d.datname LIKE 'proofgate\\_%' AND d.datdba = (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = current_user)
      ORDER BY d.datname`,
  );
  const dropped: string[] = [];
  for (const r of rows) {
    if (!SCRATCH_NAME.test(r.datname)) continue;
    const owner = parseOwner(r.comment);
    if (owner === undefined || !ownerIsDead(owner)) continue;
    await admin.query(`DROP DATABASE IF EXISTS ${r.datname}${dropSuffix}`);
    dropped.push(r.datname);
  }
  return dropped;
}

/**
 * Drops a scratch database synchronously, from an 'exit' handler (a signal, process.exit): a
 * short-lived node child does the async work. The URL goes through the environment, not argv.
 */
export function dropScratchSync(adminUrl: string, database: string, dropSuffix: string): boolean {
  if (!SCRATCH_NAME.test(database)) return false;
  const pgModule = pathToFileURL(createRequire(import.meta.url).resolve('pg')).href;
  const script = `
    const { default: pg } = await import(process.env.PROOFGATE_PG_MODULE);
    const c = new pg.Client({ connectionString: process.env.PROOFGATE_ADMIN_URL, connectionTimeoutMillis: 5000 });
    await c.connect();
    await c.query(process.env.PROOFGATE_DROP_SQL);
    await c.end();`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: {
      PATH: process.env.PATH ?? '',
      PROOFGATE_PG_MODULE: pgModule,
      PROOFGATE_ADMIN_URL: adminUrl,
      PROOFGATE_DROP_SQL: `DROP DATABASE IF EXISTS ${database}${dropSuffix}`,
    },
    stdio: 'ignore',
    timeout: 15_000,
  });
  return r.status === 0;
}

function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return undefined;
  }
}
