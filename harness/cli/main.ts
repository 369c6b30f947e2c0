import { loadConfig, type LoadedConfig } from '../config/load-config.js';
import { redactSecrets, registerEnvSecrets, registerUrlSecrets } from '../db/redact.js';
import { isProofgateError } from '../errors/index.js';
import { VERSION } from '../version.js';
import type { CliContext } from './context.js';
import {
  ExitAttemptError,
  exitAttemptCount,
  takeExitAttempts,
  unhandledExitAttempts,
  type ExitAttempt,
} from './exit-guard.js';
import { COMMANDS } from './registry.js';

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `proofgate ${VERSION}: the production gate for a frozen API contract and its signed proofs

Usage: proofgate <command> [options]    (proofgate <command> --help for its options)

Commands:
${rows.join('\n')}

Exit codes: 0 PASS · 1 FAIL (a contract or trust violation) · 2 usage, config, input or infrastructure error
`;
}

export function defaultContext(): CliContext {
  let cached: Promise<LoadedConfig> | undefined;
  return {
    stdout: { write: (s) => void process.stdout.write(s), isTTY: Boolean(process.stdout.isTTY) },
    stderr: { write: (s) => void process.stderr.write(s), isTTY: Boolean(process.stderr.isTTY) },
    cwd: process.cwd(),
    env: process.env,
    config(explicit) {
      cached ??= loadConfig(process.cwd(), explicit);
      return cached;
    },
  };
}

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function main(argv: string[], context: CliContext = defaultContext()): Promise<number> {
  const ctx = maskingContext(argv, context);
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    ctx.stdout.write(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    ctx.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const entry = COMMANDS[name];
  if (entry === undefined) {
    ctx.stderr.write(`proofgate: unknown command ${JSON.stringify(name)}\n\n${usage()}`);
    return 2;
  }
  const since = exitAttemptCount();
  try {
    const command = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      ctx.stdout.write(command.help.endsWith('\n') ? command.help : `${command.help}\n`);
      return 0;
    }
    const code = await command.run(rest, ctx);
    // process.exit() from user code that the user code itself caught: the run is not trustworthy.
    const swallowed = unhandledExitAttempts(since);
    if (swallowed.length > 0) return userExit(name, swallowed, ctx);
    // Defensive: a command may only ever return 0 or 1; anything else is our bug, never a PASS.
    return code === 0 || code === 1 ? code : 2;
  } catch (e) {
    if (isProofgateError(e)) {
      ctx.stderr.write(`proofgate ${name}: error ${e.code}: ${e.message}\n`);
      if (e.hint !== undefined) ctx.stderr.write(`  hint: ${e.hint}\n`);
      return 2;
    }
    if (e instanceof ExitAttemptError) return userExit(name, [e.attempt], ctx);
    const err = e as Error;
    ctx.stderr.write(`proofgate ${name}: internal error: ${err?.stack ?? String(e)}\n`);
    ctx.stderr.write('  this is a bug in proofgate; the run did not verify anything (exit 2)\n');
    return 2;
  }
}

/** process.exit() from user code: the run is not trustworthy, whatever it printed (exit 2). */
function userExit(name: string, attempts: readonly ExitAttempt[], ctx: CliContext): 2 {
  ctx.stderr.write(
    `proofgate ${name}: error ERR_USER_EXIT: ${takeExitAttempts(attempts)}\n` +
      '  only proofgate decides the exit code; the run did not verify anything (exit 2)\n',
  );
  return 2;
}

/** Every line proofgate prints goes through one credential mask (db/redact.ts). */
function maskingContext(argv: readonly string[], ctx: CliContext): CliContext {
  registerEnvSecrets(ctx.env);
  for (const a of argv) {
    registerUrlSecrets(a);
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) registerUrlSecrets(a.slice(eq + 1)); // --database-url=URL
  }
  const mask = (o: CliContext['stdout']): CliContext['stdout'] => ({
    ...o,
    write: (s) => o.write(redactSecrets(s)),
  });
  return { ...ctx, stdout: mask(ctx.stdout), stderr: mask(ctx.stderr) };
}
