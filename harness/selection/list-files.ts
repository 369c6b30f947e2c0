import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { matchesAny } from './glob.js';

const SKIP = new Set(['node_modules', '.git', 'dist', 'coverage', 'proofgate-release']);

/** Files under `root` (relative, `/`-separated, sorted) matching any glob; skips node_modules, .git, dist. */
export function listFiles(root: string, globs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (SKIP.has(e.name)) continue;
      const r = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) walk(join(dir, e.name), r);
      else if (e.isFile() && matchesAny(r, globs)) out.push(r);
    }
  };
  walk(root, '');
  return out.sort();
}
