import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { link, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ownerIsDead, processIdentity, type ProcessIdentity } from '../db/scratch-owner.js';
import { InfraError } from '../errors/index.js';
import { outputError } from '../report/output-error.js';

interface Owner extends ProcessIdentity {
  format: 'proofgate-lock/1';
  started: string;
  nonce: string;
}

export interface FolderLock {
  file: string;
  release(): Promise<void>;
}

/** The lock file of a release folder: a hidden sibling, so the folder itself can be swapped. */
export function lockFileOf(dir: string): string {
  return join(dirname(dir), `.${basename(dir)}.proofgate-lock`);
}

/**
 * Takes the release folder's lock: an O_EXCL-created file naming its owner (pid, host, start).
 * A lock whose owner process is provably gone on this host is stale and taken over; any other is refused
 * (exit 2). Why not proper-lockfile: its staleness is an mtime heartbeat on a timer, and the gate
 * runs CPU-heavy stages on the main thread (diff, conformance); a stalled heartbeat would let a
 * second run take a live lock. Owner liveness on one host is exact and needs no timer.
 */
export async function lockFolder(dir: string): Promise<FolderLock> {
  const file = lockFileOf(dir);
  const owner: Owner = {
    format: 'proofgate-lock/1',
    ...processIdentity(),
    started: new Date().toISOString(),
    nonce: randomBytes(8).toString('hex'),
  };
  for (let attempt = 0; ; attempt++) {
    try {
      const fh = await open(file, 'wx');
      try {
        await fh.writeFile(`${JSON.stringify(owner)}\n`);
      } finally {
        await fh.close();
      }
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw outputError('lock file', file, e);
    }
    const held = await readOwner(file);
    if (attempt < 2 && held !== undefined && isStale(held)) {
      // Move the stale lock aside first, so two runs taking it over cannot both delete a new one.
      const aside = `${file}.stale-${owner.nonce}`;
      try {
        await rename(file, aside);
        const moved = await readOwner(aside);
        // Another run took the stale lock over between our read and rename: give its lock back.
        if (moved?.nonce !== held.nonce) await link(aside, file).catch(() => undefined);
        await rm(aside, { force: true });
      } catch {
        // gone already: retry
      }
      continue;
    }
    if (held === undefined && attempt < 2) continue; // being written right now: look again
    const who =
      held === undefined
        ? 'an unreadable lock file'
        : `pid ${held.pid} on ${held.host}, started ${held.started}`;
    throw new InfraError('ERR_OUTPUT', `another gate run holds the lock on ${dir} (${who})`, {
      hint: `wait for it to finish, or use another --out-dir; if no gate run is alive, delete ${file}`,
    });
  }
  const releaseSync = (): void => {
    try {
      const now = JSON.parse(readFileSync(file, 'utf8')) as Owner;
      if (now.nonce === owner.nonce) rmSync(file, { force: true });
    } catch {
      // not ours any more, or gone
    }
  };
  // A run ended by process.exit (a signal handler, user code) still frees its lock.
  process.once('exit', releaseSync);
  return {
    file,
    async release() {
      process.removeListener('exit', releaseSync);
      releaseSync();
    },
  };
}

async function readOwner(file: string): Promise<Owner | undefined> {
  try {
    const o = JSON.parse(await readFile(file, 'utf8')) as Owner;
    return o.format === 'proofgate-lock/1' && Number.isInteger(o.pid) ? o : undefined;
  } catch {
    return undefined;
  }
}

/** Stale: made on this host by a process that no longer exists (pid gone, reboot, pid reused). */
function isStale(o: Owner): boolean {
  return o.pid !== process.pid && ownerIsDead(o);
}
