import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { InputError, UsageError } from '../errors/index.js';

/** A release folder on disk: the folder itself, or one extracted from a git ref (removed by cleanup). */
export interface MaterializedRelease {
  dir: string;
  /** What the report names: the folder relative to cwd, or the `git:REF:PATH` spec as given. */
  label: string | undefined;
  cleanup(): Promise<void>;
}

const GIT_SPEC = /^git:([^:]+):(.+)$/;

/**
 * `DIR`, or `git:REF:PATH` — the release folder PATH as committed at REF (a tag of the release in
 * production, typically), extracted with `git archive` from the repository at `cwd`. Unknown refs or
 * paths are ERR_RELEASE; nothing in the working tree is touched.
 */
export async function materializeRelease(spec: string, cwd: string): Promise<MaterializedRelease> {
  const m = GIT_SPEC.exec(spec);
  if (m === null) return { dir: resolve(cwd, spec), label: undefined, cleanup: async () => {} };
  const [, ref, path] = m as unknown as [string, string, string];
  if (ref.startsWith('-') || path.startsWith('-') || path.startsWith('/') || path.split('/').includes('..'))
    throw new UsageError(`${spec}: give git:REF:PATH with a relative PATH inside the repository`);
  const commit = await run('git', ['-C', cwd, 'rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (commit.code !== 0)
    throw new InputError('ERR_RELEASE', `${spec}: ${ref} is not a commit of the repository at ${cwd}`, {
      hint: 'fetch the tag or branch first (git fetch --tags), or give a release folder',
    });
  const dir = await mkdtemp(join(tmpdir(), 'proofgate-release-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    const sha = commit.stdout.trim();
    const r = await run('sh', [
      '-c',
      'git -C "$1" archive --format=tar "$2" -- "$3" | tar -x -C "$4"',
      'sh',
      cwd,
      sha,
      path,
      dir,
    ]);
    if (r.code !== 0)
      throw new InputError(
        'ERR_RELEASE',
        `${spec}: cannot extract ${path} at ${ref}: ${r.stderr.trim() || `exit ${r.code}`}`,
        {
          hint: 'check that the release folder exists at that ref (git ls-tree REF PATH)',
        },
      );
    return { dir: join(dir, path), label: spec, cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

function run(cmd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.once('error', fail);
    child.once('close', (code) => done({ code: code ?? 1, stdout, stderr }));
  });
}
