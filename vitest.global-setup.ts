import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OWNER_FILE, ownerAlive, procStart, sweepOrphans, type Owner } from './harness/db/instance-dir.js';

const RUN_PREFIX = 'proofgate-test-run-';
const quiet = (): void => undefined;

/** Folders of earlier runs whose vitest process is gone (killed runs): their servers, then them. */
async function sweepDeadRuns(base: string): Promise<void> {
  let names: string[] = [];
  try {
    names = readdirSync(base).filter((n) => n.startsWith(RUN_PREFIX));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = join(base, name);
    try {
      const owner = JSON.parse(readFileSync(join(dir, OWNER_FILE), 'utf8')) as Owner;
      if (ownerAlive(owner)) continue;
    } catch {
      continue; // being created, or not ours
    }
    await sweepOrphans(join(dir, 'proofgate-pg'), quiet);
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}

/**
 * Every test run gets a temp folder of its own (TMPDIR for the workers and everything they start):
 * runs beside each other never meet in the temp dir, and whatever a test leaves behind is named
 * and removed at the end instead of piling up in /tmp.
 */
export default async function setup(): Promise<() => Promise<void>> {
  process.stdout.write(
    `[proofgate tests] fast-check seed ${process.env.FC_SEED ?? 20261121} (set FC_SEED to change)\n`,
  );
  const base = tmpdir();
  await sweepDeadRuns(base);
  const run = mkdtempSync(join(base, RUN_PREFIX));
  // Traversable (not listable) by others: as root, embedded Postgres runs as the postgres user.
  chmodSync(run, 0o711);
  const owner: Owner = { pid: process.pid, start: procStart(process.pid) };
  writeFileSync(join(run, OWNER_FILE), `${JSON.stringify(owner)}\n`);
  const savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = run;
  return async () => {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
    await sweepOrphans(join(run, 'proofgate-pg'), quiet);
    const left = readdirSync(run).filter(
      (n) => n !== OWNER_FILE && !(n === 'proofgate-pg' && readdirSync(join(run, n)).length === 0),
    );
    if (left.length > 0) {
      process.stdout.write(
        `[proofgate tests] tests left ${left.length} entries in the temp folder (removed now): ${left.slice(0, 20).join(', ')}\n`,
      );
    }
    rmSync(run, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  };
}
