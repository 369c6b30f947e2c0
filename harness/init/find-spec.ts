import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Where teams keep their OpenAPI description, most common first. */
const CANDIDATES = [
  'openapi.yaml',
  'openapi.yml',
  'openapi.json',
  'openapi/openapi.yaml',
  'openapi/openapi.yml',
  'openapi/openapi.json',
  'api/openapi.yaml',
  'api/openapi.yml',
  'api/openapi.json',
  'spec/openapi.yaml',
  'docs/openapi.yaml',
  'swagger.yaml',
];
const SKIP = new Set(['node_modules', '.git', 'dist', 'build', 'coverage', 'contracts', 'proofgate-release']);

/**
 * The spec files found in a repository: the well-known places first, then any file named
 * openapi.{yaml,yml,json} up to four folders deep (never inside node_modules, build output or an
 * existing freeze). Paths are relative to `root`, in a stable order.
 */
export function findSpecs(root: string): string[] {
  const found = CANDIDATES.filter((c) => existsSync(join(root, c)));
  const walk = (dir: string, depth: number) => {
    if (depth > 4) return;
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of entries) {
      if (SKIP.has(name) || name.startsWith('.')) continue;
      const full = join(dir, name);
      let st;
      try {
        st = statSync(full);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(full, depth + 1);
      else if (/^openapi\.(ya?ml|json)$/i.test(name)) {
        const rel = relative(root, full).split('\\').join('/');
        if (!found.includes(rel)) found.push(rel);
      }
    }
  };
  walk(root, 0);
  return found;
}
