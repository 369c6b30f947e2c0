import { constants } from 'node:os';
import { processGuardInstalled } from '../cli/process-guard.js';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * While `fn` runs, SIGINT/SIGTERM/SIGHUP end the process with 128 + the signal number (130, 143,
 * 129) through process.exit, after saying so: the 'exit' hooks then drop the scratch database
 * (provide-url.ts) and kill the candidate service (run-service.ts). Node's default action for
 * these signals skips every 'exit' hook, which left a database on the team's server.
 */
export async function exitOnSignal<T>(fn: () => Promise<T>): Promise<T> {
  // In the CLI, harness/cli/process-guard.ts already ends every command this way (one message,
  // then process.exit, so the same 'exit' hooks run); this is for library callers.
  if (processGuardInstalled()) return fn();
  const handlers = SIGNALS.map((signal) => {
    const handler = (): void => {
      const code = 128 + constants.signals[signal];
      // Straight to stderr: inside the gate the rehearsal's own log is in memory and dies with us.
      process.stderr.write(
        `proofgate: rehearse: interrupted by ${signal}: dropping the scratch database and stopping the service (exit ${code})\n`,
      );
      process.exit(code);
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  try {
    return await fn();
  } finally {
    for (const [signal, handler] of handlers) process.removeListener(signal, handler);
  }
}
