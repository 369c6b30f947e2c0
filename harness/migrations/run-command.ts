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

/** Runs a driver command (string → /bin/sh -c, array → no shell) with extra environment variables. */
export function runCommand(
  line: CommandLine,
  options: { cwd: string; env: Record<string, string>; timeoutMs: number },
): Promise<CommandResult> {
  const [file, args] =
    typeof line === 'string' ? ['/bin/sh', ['-c', line]] : [line[0] as string, line.slice(1)];
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs,
      killSignal: 'SIGKILL',
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) =>
      reject(
        new InfraError('ERR_MIGRATION', `cannot run \`${describeCommand(line)}\`: ${e.message}`, {
          hint: 'is the migration tool installed and on PATH?',
          cause: e,
        }),
      ),
    );
    child.on('close', (code, signal) =>
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut: signal === 'SIGKILL' && code === null,
      }),
    );
  });
}

/** The last lines of a command's stderr (or stdout), for an error message. */
export function tail(text: string, lines = 6): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
