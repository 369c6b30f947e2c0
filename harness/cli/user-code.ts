import type { ProofgateError } from '../errors/index.js';
import {
  ExitAttemptError,
  exitAttemptCount,
  guardExit,
  takeExitAttempts,
  unhandledExitAttempts,
} from './exit-guard.js';

export interface UserCodeOptions {
  /** e.g. `app factory ./app.mjs#createApp`, `config module ./proofgate.config.mjs`. */
  what: string;
  /** Builds the error to throw (ConfigError, InfraError …) from a message. */
  error: (message: string, cause?: unknown) => ProofgateError;
  /** Upper bound for a promise that never settles while other work keeps the process alive. */
  timeoutMs?: number;
  /** 'load': a module import (top-level await); 'call': a function's promise (default). */
  kind?: 'load' | 'call';
}

/**
 * Runs user code (a config module import, an app factory) so that it cannot decide the run's
 * outcome: process.exit() is refused and named, a throw becomes `options.error`, and a promise that
 * never settles is detected when the event loop runs dry ('beforeExit': nothing is left that could
 * settle it; Node would otherwise exit 13 in silence) or after `timeoutMs`.
 */
export async function runUserCode<T>(fn: () => Promise<T> | T, options: UserCodeOptions): Promise<T> {
  const { what, error } = options;
  const since = exitAttemptCount();
  const release = guardExit(what);
  let onBeforeExit: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  const ours = new Set<unknown>();
  const stuck = new Promise<never>((_, reject) => {
    const give = (message: string) => {
      const e = error(message);
      ours.add(e);
      reject(e);
    };
    onBeforeExit = () =>
      give(
        options.kind === 'load'
          ? `${what} never finished loading: its top-level await can never settle`
          : `${what} never finished: its promise can never settle`,
      );
    process.once('beforeExit', onBeforeExit);
    if (options.timeoutMs !== undefined) {
      // unref: the timer itself must not keep alive a process whose loop has run dry.
      timer = setTimeout(
        () => give(`${what} did not finish within ${options.timeoutMs} ms`),
        options.timeoutMs,
      ).unref();
    }
  });
  const exited = (cause?: unknown): ProofgateError => {
    const list = unhandledExitAttempts(since);
    if (cause instanceof ExitAttemptError && !list.includes(cause.attempt)) list.unshift(cause.attempt);
    return error(`${takeExitAttempts(list)}; only proofgate decides the exit code`, cause);
  };
  let value: T;
  try {
    value = await Promise.race([Promise.resolve().then(fn), stuck]);
  } catch (e) {
    if (e instanceof ExitAttemptError || unhandledExitAttempts(since).length > 0) throw exited(e);
    if (ours.has(e)) throw e;
    throw error(`${what} failed: ${(e as Error)?.message ?? String(e)}`, e);
  } finally {
    release();
    if (onBeforeExit !== undefined) process.off('beforeExit', onBeforeExit);
    if (timer !== undefined) clearTimeout(timer);
  }
  // An exit the code caught itself: the value it returned anyway is not trustworthy.
  if (unhandledExitAttempts(since).length > 0) throw exited();
  return value;
}
