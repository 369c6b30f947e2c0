import type { CliContext } from '../cli/context.js';
import { loadConfig } from '../config/load-config.js';

/** A CLI context that records stdout/stderr, for running commands in-process in tests. */
export function captureContext(
  cwd = process.cwd(),
  env: NodeJS.ProcessEnv = {},
): CliContext & { out: string[]; err: string[]; stdoutText(): string; stderrText(): string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdoutText: () => out.join(''),
    stderrText: () => err.join(''),
    stdout: { write: (s) => void out.push(s) },
    stderr: { write: (s) => void err.push(s) },
    cwd,
    env,
    config: (explicit) => loadConfig(cwd, explicit),
  };
}
