import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { InputError } from '../errors/index.js';

const run = promisify(execFile);

/** Runs git in `cwd`; any failure is an input error (exit 2) that says what to fix. */
export async function git(cwd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run('git', args, {
      cwd,
      maxBuffer: 256 * 1024 * 1024,
      encoding: 'utf8',
      env: { ...process.env, GIT_PAGER: 'cat', LC_ALL: 'C' },
    });
    return stdout;
  } catch (e) {
    const err = e as { stderr?: string; code?: unknown; message: string };
    if (err.code === 'ENOENT')
      throw new InputError('ERR_INPUT', 'git is not installed or not on PATH', { cause: e });
    throw new InputError('ERR_INPUT', `git ${args.join(' ')} failed: ${(err.stderr ?? err.message).trim()}`, {
      cause: e,
      hint: 'run inside a git repository; fetch enough history for both refs (actions/checkout: fetch-depth: 0)',
    });
  }
}

/** The full commit id of `ref`, or an ERR_INPUT naming the ref. */
export async function resolveRef(cwd: string, ref: string): Promise<string> {
  if (ref.startsWith('-')) throw new InputError('ERR_INPUT', `not a git ref: ${JSON.stringify(ref)}`);
  return (
    await git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]).catch(() => {
      throw new InputError('ERR_INPUT', `unknown git ref ${JSON.stringify(ref)}`, {
        hint: 'fetch it first (shallow clones lack history: use fetch-depth: 0)',
      });
    })
  ).trim();
}
