import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A small real tmpfs for disk-full and read-only tests (needs root): `options` as for mount(8),
 * e.g. 'size=64k' or 'size=64k,ro'. Undefined, with a visible SKIPPED line, where mounting is not
 * permitted. `unmountAll()` in afterAll.
 */
export function tmpfs(options: string): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'pg-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    console.warn(
      `SKIPPED: cannot mount a tmpfs (${(e as Error).message.split('\n')[0]}); run as root to test disk-full/read-only`,
    );
    return undefined;
  }
  mounted.push(dir);
  return dir;
}

const mounted: string[] = [];

export function unmountAll(): void {
  for (const dir of mounted.splice(0)) {
    execFileSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  }
}
