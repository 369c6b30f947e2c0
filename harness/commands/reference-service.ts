import { existsSync, realpathSync } from 'node:fs';
import { isWithin } from '../is-within.js';
import { packagePath, PACKAGE_ROOT } from '../paths.js';

/**
 * The reference service (fixtures/service) is proofgate's own test subject: it exists only in
 * proofgate's repository (the package ships no fixtures), and it is the default only when the
 * working folder or the config file's folder is that repository. Anywhere else a command that
 * needs a service says how to configure one instead of reaching into proofgate's files.
 */
export function isProofgateRepository(...dirs: string[]): boolean {
  if (!existsSync(packagePath('fixtures', 'releases', 'r1', 'release.json'))) return false;
  const root = realpathSync(PACKAGE_ROOT);
  return dirs.some((d) => {
    let real: string;
    try {
      real = realpathSync(d);
    } catch {
      return false;
    }
    return isWithin(real, root);
  });
}
