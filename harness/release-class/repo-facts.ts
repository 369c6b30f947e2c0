import { git, resolveRef } from '../selection/git.js';

export interface CommitFacts {
  sha: string;
  subject: string;
  files: string[];
}

/** Commits in from..to, oldest first, with the paths each touched. */
export async function commitsBetween(repo: string, from: string, to: string): Promise<CommitFacts[]> {
  const range = `${await resolveRef(repo, from)}..${await resolveRef(repo, to)}`;
  const out = await git(repo, [
    'log',
    '--reverse',
    '--no-renames',
    '--format=%x1e%H%x1f%s',
    '--name-only',
    range,
  ]);
  return out
    .split('\x1e')
    .filter((c) => c.trim() !== '')
    .map((c) => {
      const [head, ...rest] = c.split('\n');
      const [sha, subject] = head!.split('\x1f');
      return { sha: sha!, subject: subject ?? '', files: rest.map((l) => l.trim()).filter(Boolean) };
    });
}

/** Added lines per file (`git diff -U0`), only the `+` side. */
export async function addedLines(
  repo: string,
  from: string,
  to: string,
  paths: readonly string[],
): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (paths.length === 0) return map;
  const out = await git(repo, [
    'diff',
    '-U0',
    '--no-color',
    '--no-ext-diff',
    await resolveRef(repo, from),
    await resolveRef(repo, to),
    '--',
    ...paths,
  ]);
  let current: string | undefined;
  for (const line of out.split('\n')) {
    if (line.startsWith('+++ ')) {
      current = line === '+++ /dev/null' ? undefined : line.slice(4).replace(/^b\//, '');
      if (current !== undefined && !map.has(current)) map.set(current, []);
    } else if (line.startsWith('--- ')) continue;
    else if (current !== undefined && line.startsWith('+')) map.get(current)!.push(line.slice(1));
  }
  return map;
}

/** The file's text at `ref`, or undefined when it does not exist there. */
export async function fileAt(repo: string, ref: string, path: string): Promise<string | undefined> {
  const sha = await resolveRef(repo, ref);
  try {
    return await git(repo, ['show', `${sha}:${path}`]);
  } catch {
    return undefined;
  }
}
