import { git, resolveRef } from './git.js';

export interface RawChange {
  status: string;
  path: string;
  oldPath?: string;
}

/** `git diff --name-status -M from to`, parsed from the NUL-separated form (any file name is safe). */
export async function diffNameStatus(cwd: string, from: string, to: string): Promise<RawChange[]> {
  const [a, b] = [await resolveRef(cwd, from), await resolveRef(cwd, to)];
  const out = await git(cwd, ['diff', '--name-status', '-z', '-M', '--no-color', a, b]);
  const parts = out.split('\0');
  const changes: RawChange[] = [];
  for (let i = 0; i < parts.length - 1;) {
    const status = parts[i++]!;
    if (status === '') continue;
    const letter = status[0]!;
    if (letter === 'R' || letter === 'C') {
      const oldPath = parts[i++]!;
      changes.push({ status: letter, path: parts[i++]!, oldPath });
    } else changes.push({ status: letter, path: parts[i++]! });
  }
  return changes.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}

/** Added and removed lines per file (`git diff -U0`), for content rules. */
export async function diffLines(
  cwd: string,
  from: string,
  to: string,
  paths: readonly string[],
): Promise<Map<string, string[]>> {
  const lines = new Map<string, string[]>();
  if (paths.length === 0) return lines;
  const out = await git(cwd, [
    'diff',
    '-U0',
    '--no-color',
    '--no-ext-diff',
    '-M',
    await resolveRef(cwd, from),
    await resolveRef(cwd, to),
    '--',
    ...paths,
  ]);
  let current: string | undefined;
  for (const line of out.split('\n')) {
    if (line.startsWith('+++ ') || line.startsWith('--- ')) {
      const p = line.slice(4);
      if (p !== '/dev/null') {
        current = p.replace(/^[ab]\//, '');
        if (!lines.has(current)) lines.set(current, []);
      }
    } else if (current !== undefined && (line.startsWith('+') || line.startsWith('-'))) {
      lines.get(current)!.push(line.slice(1));
    }
  }
  return lines;
}
