import { readFileSync } from 'node:fs';

/**
 * Waits until `cond` holds, for states that send this process no event (a row in pg_locks, a
 * process that is not our child going away). Deliberately without a deadline of its own: a
 * deadline here would be a timing assumption that fails on a loaded machine. The test's timeout
 * bounds the wait.
 */
export async function until(cond: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await cond())) await new Promise((r) => setTimeout(r, 25));
}

/** True once the process has ended: gone, or a zombie nobody has reaped yet. */
export function processEnded(pid: number): boolean {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return true;
  }
  const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
  return state === 'Z' || state === 'X';
}

/** PIDs of the live children of `pid` (from /proc/<pid>/task/<pid>/children). */
export function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}
