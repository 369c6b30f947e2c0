import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * A real git repository in a temp folder, for tests and examples: commits with fixed author,
 * committer and dates so commit ids are the same on every run.
 */
export function tempRepo(prefix = 'pg-repo-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let tick = 0;
  const env = (): NodeJS.ProcessEnv => {
    const date = `2026-01-01T00:00:${String(tick++).padStart(2, '0')}Z`;
    return {
      ...process.env,
      GIT_AUTHOR_NAME: 'Proof Gate',
      GIT_AUTHOR_EMAIL: 'gate@example.test',
      GIT_COMMITTER_NAME: 'Proof Gate',
      GIT_COMMITTER_EMAIL: 'gate@example.test',
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
    };
  };
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, env: env(), encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  git('config', 'commit.gpgsign', 'false');
  return {
    dir,
    git,
    /** Writes files (null deletes) and commits them; returns the commit id. */
    commit(message: string, files: Record<string, string | null>): string {
      for (const [path, text] of Object.entries(files)) {
        const file = join(dir, path);
        if (text === null) rmSync(file, { force: true });
        else {
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, text);
        }
      }
      git('add', '-A');
      git('commit', '-q', '--allow-empty', '-m', message);
      return git('rev-parse', 'HEAD');
    },
    remove(): void {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
