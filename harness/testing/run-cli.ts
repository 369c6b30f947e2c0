import { spawn, type ChildProcess } from 'node:child_process';
import { packagePath } from '../paths.js';

export interface CliRun {
  child: ChildProcess;
  /** Resolves when the child has exited (listener attached at spawn, so no exit is ever missed). */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  /** Resolves with the first stderr line matching `re` (rejects if the child exits first). */
  stderrLine(re: RegExp): Promise<string>;
}

/** Runs the real CLI (`node bin/proofgate.js …`) in a child process. */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; nodeArgs?: string[] } = {},
): CliRun {
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), packagePath('bin/proofgate.js'), ...args],
    {
      cwd: options.cwd ?? packagePath(),
      env: options.env ?? { PATH: process.env.PATH },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  let closed = false;
  const waiters: Array<{ re: RegExp; resolve: (l: string) => void; reject: (e: Error) => void }> = [];
  const check = () => {
    for (const w of [...waiters]) {
      const line = stderr.split('\n').find((l) => w.re.test(l));
      if (line !== undefined) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => {
    stderr += s;
    check();
  });
  const done = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>((resolve) =>
    child.on('close', (code, signal) => {
      closed = true;
      for (const w of waiters.splice(0))
        w.reject(new Error(`exited (${code ?? signal}) before ${w.re}: ${stderr}`));
      resolve({ code, signal, stdout, stderr });
    }),
  );
  return {
    child,
    done,
    stderrLine: (re) =>
      new Promise<string>((resolve, reject) => {
        waiters.push({ re, resolve, reject });
        check();
        if (closed && waiters.some((w) => w.re === re)) reject(new Error(`exited before ${re}: ${stderr}`));
      }),
  };
}
