import { spawn } from 'node:child_process';
import { InfraError } from '../errors/index.js';
import type { CommandLine } from './types.js';

export interface CommandResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export function describeCommand(line: CommandLine): string {
  return typeof line === 'string'
    ? line
    : line.map((a) => (/^[\w./:=@-]+$/.test(a) ? a : JSON.stringify(a))).join(' ');
}

/**
 * Runs `file args` (no shell) and collects its output. `env` is the whole environment (nothing is
 * inherited); `timeoutMs` kills it with SIGKILL; `keepStderr` keeps only the last that many
 * characters of stderr (a tool that prints a line per row of a large dump). Rejects with the
 * spawn error itself (a missing program): the caller words it.
 */
export function spawnCollect(
  file: string,
  args: readonly string[],
  options: { env: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number; keepStderr?: number },
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.timeoutMs === undefined
        ? {}
        : { timeout: options.timeoutMs, killSignal: 'SIGKILL' as const }),
    });
    const keep = options.keepStderr ?? Infinity;
    const out: Buffer[] = [];
    let err: Buffer[] = [];
    let errBytes = 0;
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => {
      err.push(b);
      errBytes += b.length;
      // At most 4 bytes a character: past 8× the limit, keep a tail that still holds it.
      if (errBytes > 8 * keep) {
        const tail = Buffer.concat(err).subarray(-4 * keep);
        err = [tail];
        errBytes = tail.length;
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const stderr = Buffer.concat(err).toString('utf8');
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: keep === Infinity ? stderr : stderr.slice(-keep),
        timedOut: options.timeoutMs !== undefined && signal === 'SIGKILL' && code === null,
      });
    });
  });
}

/** Runs a driver command (string → /bin/sh -c, array → no shell) with extra environment variables. */
export function runCommand(
  line: CommandLine,
  options: { cwd: string; env: Record<string, string>; timeoutMs: number },
): Promise<CommandResult> {
  const [file, args] =
    typeof line === 'string' ? ['/bin/sh', ['-c', line]] : [line[0] as string, line.slice(1)];
  return spawnCollect(file, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    timeoutMs: options.timeoutMs,
  }).catch((e: Error) => {
    throw new InfraError('ERR_MIGRATION', `cannot run \`${describeCommand(line)}\`: ${e.message}`, {
      hint: 'is the migration tool installed and on PATH?',
      cause: e,
    });
  });
}

/** The last lines of a command's stderr (or stdout), for an error message. */
export function tail(text: string, lines = 6): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
