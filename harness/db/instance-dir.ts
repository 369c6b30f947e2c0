import { existsSync, readFileSync, rmSync } from 'node:fs';
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

interface Owner {
  pid: number;
  /** /proc/<pid>/stat starttime: guards against a recycled pid looking alive. */
  start: string | null;
}

function procStart(pid: number): string | null {
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

function ownerAlive(owner: Owner): boolean {
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

/** Removes instances left by dead owners (crash, SIGKILL). Returns the folders removed. */
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
      // owner.json is written right after mkdtemp; only an old folder without it is an orphan.
      const st = await stat(dir).catch(() => undefined);
      if (!st || Date.now() - st.mtimeMs < 60_000) continue;
    }
    if (owner && ownerAlive(owner)) continue;
    const dataDir = join(dir, 'data');
    const pid = existsSync(dataDir) ? await killPostmaster(dataDir) : undefined;
    await rm(dir, { recursive: true, force: true });
    removed.push(dir);
    log(
      `embedded: removed orphaned Postgres from a crashed run (owner pid ${owner?.pid ?? '?'}${pid ? `, stopped server pid ${pid}` : ''}): ${dir}`,
    );
  }
  return removed;
}
