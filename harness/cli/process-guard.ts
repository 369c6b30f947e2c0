import { ExitAttemptError, exitNow, guardExit, releaseExit } from './exit-guard.js';

// Installed once by the CLI entry (harness/cli.ts), never by the library or in-process tests:
// signals, process.exit from user code, and errors thrown outside any step end every command the
// same way, with a message on stderr and a code that is never 0.

export const SIGNAL_EXIT_CODES = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;
export type HandledSignal = keyof typeof SIGNAL_EXIT_CODES;

const cleanups = new Set<() => Promise<void> | void>();

/**
 * Registers work to do when the run is interrupted (drop a rehearsal database, stop a service).
 * Runs before the process exits with 130/143; returns the unregister function.
 */
export function onInterrupt(fn: () => Promise<void> | void): () => void {
  cleanups.add(fn);
  return () => void cleanups.delete(fn);
}

let installed = false;

/** True in the CLI process: signals are handled here, once, for every command. */
export function processGuardInstalled(): boolean {
  return installed;
}

export function installProcessGuard(command: string | undefined): void {
  if (installed) return;
  installed = true;
  const name = command === undefined ? 'proofgate' : `proofgate ${command}`;
  guardExit('a service, handler or timer inside the run'); // for the whole run; never released
  let signals = 0;
  for (const signal of Object.keys(SIGNAL_EXIT_CODES) as HandledSignal[]) {
    process.on(signal, () => {
      const code = SIGNAL_EXIT_CODES[signal];
      signals++;
      // A terminal's Ctrl-C reaches a re-executed child twice (group + forwarded): the third ends it at once.
      if (signals > 2) exitNow(code);
      if (signals > 1) return;
      releaseExit();
      process.exitCode = code;
      process.stderr.write(
        `${name}: interrupted by ${signal}: the run stopped before its verdict; no report was written (exit ${code})\n`,
      );
      void Promise.allSettled([...cleanups].map(async (fn) => fn())).then(() => exitNow(code));
    });
  }
  const fatal = (what: string) => (e: unknown) => {
    const msg = e instanceof Error ? e.message : String(e);
    // The stack says where (which module, which handler); an exit attempt's message already does.
    const where = e instanceof Error && !(e instanceof ExitAttemptError) && e.stack ? `\n${e.stack}` : '';
    process.stderr.write(`${name}: ${what}: ${msg}${where}\n  the run did not verify anything (exit 2)\n`);
    exitNow(2);
  };
  process.on('uncaughtException', fatal('error outside any step (e.g. user code in a timer or a handler)'));
  process.on('unhandledRejection', fatal('unhandled promise rejection'));
}
