#!/usr/bin/env -S node --
// Thin launcher: the CLI is compiled to dist/ by `npm install` (the `prepare` script).
// `--` in the shebang (and before the script in every re-exec): Node 20 reads `--env-file` from
// anywhere in its argv up to a `--`, even after the script name, and applies the file's
// NODE_OPTIONS (code from the file under review would run inside proofgate). After `--` it is ours.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

const exit = process.exit.bind(process); // before the CLI guards process.exit against user code

const cli = new URL('../dist/harness/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('proofgate: dist/ is missing; run `npm run build` (npm install runs it for you)\n');
  exit(2);
}

// Streaming verification keeps ~40 MB live, but V8 grows its three heaps (main + 2 workers) lazily
// to ~250 MB by 200k records. An 8 MB young generation and a 160 MB old-generation cap keep memory
// flat (measured: 161 MB at 200k vs 156 MB at 20k) without the GC cost of a smaller young
// generation. Heap limits must be set at process start, so this one command re-executes itself.
const TUNED_COMMANDS = new Set(['verify-proofs']);
const TUNED_FLAGS = ['--max-semi-space-size=8', '--max-old-space-size=160'];

if (TUNED_COMMANDS.has(process.argv[2] ?? '') && process.env.PROOFGATE_TUNED !== '1') {
  const child = spawn(
    process.execPath,
    [...TUNED_FLAGS, ...process.execArgv, '--', fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    {
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, PROOFGATE_TUNED: '1' },
    },
  );
  // The child reports a signal itself (harness/cli/process-guard.ts: message, exit 128+n).
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (code !== null) exit(code);
    // Killed outright (e.g. SIGKILL): never a PASS, and say so.
    const n = 128 + (constants.signals[signal] ?? 0);
    process.stderr.write(`proofgate ${process.argv[2]}: killed by ${signal}: no verdict (exit ${n})\n`);
    exit(n);
  });
} else {
  // Re-executed: die with the parent (a killed run must not finish later and write a report).
  if (process.env.PROOFGATE_TUNED === '1' && process.channel) {
    process.on('disconnect', () => exit(2));
    process.channel.unref();
  }
  await import(cli.href);
}
