import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../report/index.js';

/**
 * Writes a file only when it does not exist (O_EXCL: no race with a second init), or replaces it
 * with `force`. Returns whether it wrote. A file with the same bytes counts as written-before.
 */
export async function writeIfAbsent(file: string, text: string, force: boolean): Promise<'written' | 'kept'> {
  if (force) {
    const before = await readFile(file, 'utf8').catch(() => undefined);
    if (before === text) return 'kept';
    await writeFileAtomic(file, text);
    return 'written';
  }
  await mkdir(dirname(file), { recursive: true }); // writeFileAtomic makes it on the force path
  try {
    await writeFile(file, text, { flag: 'wx' });
    return 'written';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return 'kept';
    throw e;
  }
}

/** Appends the missing lines to .gitignore (creating it); never reorders or removes a line. */
export async function ensureLines(file: string, lines: readonly string[]): Promise<string[]> {
  const before = await readFile(file, 'utf8').catch(() => '');
  const have = new Set(before.split(/\r?\n/).map((l) => l.trim()));
  const missing = lines.filter((l) => !have.has(l));
  if (missing.length === 0) return [];
  const sep = before === '' || before.endsWith('\n') ? '' : '\n';
  await writeFileAtomic(file, `${before}${sep}# proofgate\n${missing.join('\n')}\n`);
  return missing;
}
