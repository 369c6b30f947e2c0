import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The same module runs from harness/ (tests, via vitest) and from dist/harness/ (the CLI), so
// package files are found by walking up to proofgate's own package.json, not by fixed `../`.
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (
      existsSync(pkg) &&
      (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'proofgate'
    ) {
      return dir;
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('proofgate: cannot find its own package.json');
    dir = up;
  }
}

/** Absolute path of the proofgate package root (where package.json, contracts/ and fixtures/ live). */
export const PACKAGE_ROOT: string = findRoot();

/** Absolute path of a file inside the package root. */
export function packagePath(...segments: string[]): string {
  return join(PACKAGE_ROOT, ...segments);
}

/**
 * Compiled JS for a module under harness/ — for worker threads, which cannot load .ts under Node 20.
 * `npm test` builds first (pretest), so dist/ exists whenever tests run.
 */
export function distModule(relativeToHarness: string): URL {
  const file = packagePath('dist', 'harness', relativeToHarness.replace(/\.ts$/, '.js'));
  if (!existsSync(file)) {
    throw new Error(`proofgate: ${file} is missing; run \`npm run build\` first`);
  }
  return new URL(`file://${file}`);
}
