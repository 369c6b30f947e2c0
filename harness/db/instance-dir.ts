import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Log } from './types.js';

// Every embedded server lives in <root>/pg-XXXXXX/ with an owner.json naming the process that
// started it. A run that was SIGKILLed cannot clean up, so the next start sweeps instances whose
// owner is gone: it stops their postmaster (found via data/postmaster.pid) and deletes the folder,
// which also holds the initdb password file.

export const OWNER_FILE = 'owner.json';

export function defaultTempRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.PROOFGATE_PG_TMP || join(tmpdir(), 'proofgate-pg');
}

export interface Owner {
  pid: number;
  /** /proc/<pid>/stat starttime: guards against a recycled pid looking alive. */
  start: string | null;
}

export function procStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime); fields after the ")" that closes comm are space separated.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return rest[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function ownerAlive(owner: Owner): boolean {
  if (!isAlive(owner.pid)) return false;
  return owner.start === null || procStart(owner.pid) === owner.start;
}

/** Creates <root>/pg-XXXXXX (traversable by the postgres user when we run as root). */
export async function createInstanceDir(root: string): Promise<string> {
  await mkdir(root, { recursive: true });
  await chmod(root, 0o711).catch(() => undefined);
  const dir = await mkdtemp(join(root, 'pg-'));
  await chmod(dir, 0o711);
  const owner: Owner = { pid: process.pid, start: procStart(process.pid) };
  await writeFile(join(dir, OWNER_FILE), JSON.stringify(owner) + '\n');
  return dir;
}

/** PID of the postmaster serving dataDir, if its postmaster.pid names a live postgres for it. */
export function postmasterPid(dataDir: string): number | undefined {
  let pid: number;
  try {
    pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  try {
    // Only signal a process that is a postgres for this very data dir (pid reuse).
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (!cmd.includes('postgres') || !cmd.includes(dataDir)) return undefined;
  } catch {
    return undefined;
  }
  return pid;
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !isAlive(pid);
}

/** Stops the postmaster of dataDir: SIGQUIT (immediate shutdown, children too), then SIGKILL. */
export async function killPostmaster(dataDir: string): Promise<number | undefined> {
  const pid = postmasterPid(dataDir);
  if (pid === undefined) return undefined;
  try {
    process.kill(pid, 'SIGQUIT');
  } catch {
    return pid;
  }
  if (!(await waitGone(pid, 5_000))) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
    await waitGone(pid, 2_000);
  }
  return pid;
}

/** Synchronous last-resort teardown for the process 'exit' event (no awaiting possible there). */
export function killAndRemoveSync(dir: string): void {
  const pid = postmasterPid(join(dir, 'data'));
  if (pid !== undefined) {
    try {
      process.kill(pid, 'SIGQUIT');
    } catch {
      /* gone */
    }
  }
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    /* the next start sweeps it */
  }
}

/**
 * PIDs of every process working in an instance folder: the postmaster and its children name the
 * data dir on their command line; initdb names it as --pgdata, and the `postgres --boot/--single`
 * it runs get it as PGDATA in their environment. A run killed during initdb leaves these behind,
 * still writing files into the folder.
 */
export function processesIn(dir: string): number[] {
  const out: number[] = [];
  let pids: string[];
  try {
    pids = readdirSync('/proc');
  } catch {
    return out; // no procfs: the postmaster.pid path still works
  }
  const inDir = (s: string) =>
    s.split('\0').some((a) => a === dir || a.startsWith(`${dir}/`) || a.includes(`=${dir}/`));
  for (const p of pids) {
    if (!/^\d+$/.test(p) || Number(p) === process.pid) continue;
    try {
      if (inDir(readFileSync(`/proc/${p}/cmdline`, 'utf8'))) out.push(Number(p));
      else if (
        readFileSync(`/proc/${p}/environ`, 'utf8')
          .split('\0')
          .includes(`PGDATA=${join(dir, 'data')}`)
      )
        out.push(Number(p));
    } catch {
      /* gone, or not ours to read */
    }
  }
  return out;
}

/** SIGKILLs every process still working in `dir` (see processesIn) and waits until they are gone. */
async function stopEverythingIn(dir: string): Promise<void> {
  const pids = processesIn(dir);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  for (const pid of pids) await waitGone(pid, 5_000);
}

/** An instance folder without owner.json is left alone this long (its creator may be writing it). */
export const UNOWNED_GRACE_MS = 60_000;

/**
 * Removes instances left by dead owners (crash, SIGKILL, kill -9 during initdb) and folders that
 * never got an owner.json and are older than UNOWNED_GRACE_MS. Stops their postmaster and any
 * initdb still writing into them first. Never throws: a folder it cannot remove now is logged and
 * tried again by the next start, and this run goes on. Returns the folders removed.
 */
export async function sweepOrphans(root: string, log: Log): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names.filter((n) => n.startsWith('pg-'))) {
    const dir = join(root, name);
    let owner: Owner | undefined;
    try {
      owner = JSON.parse(await readFile(join(dir, OWNER_FILE), 'utf8')) as Owner;
    } catch {
      // owner.json is written right after mkdtemp; only an old folder without it is abandoned.
      const st = await stat(dir).catch(() => undefined);
      if (!st || Date.now() - st.mtimeMs < UNOWNED_GRACE_MS) continue;
    }
    if (owner && typeof owner.pid === 'number' && ownerAlive(owner)) continue;
    try {
      const dataDir = join(dir, 'data');
      const pid = existsSync(dataDir) ? await killPostmaster(dataDir) : undefined;
      await stopEverythingIn(dir);
      // Retries cover a process that was still closing files in the folder (ENOTEMPTY, EBUSY).
      await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
      removed.push(dir);
      log(
        `embedded: removed orphaned Postgres from a crashed run (owner pid ${owner?.pid ?? 'unknown: no owner.json'}${pid ? `, stopped server pid ${pid}` : ''}): ${dir}`,
      );
    } catch (e) {
      log(
        `embedded: could not remove orphaned instance ${dir} yet (${String(e)}); the next start tries again`,
      );
    }
  }
  return removed;
}
