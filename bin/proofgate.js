#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm install` (the `prepare` script).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/harness/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('proofgate: dist/ is missing; run `npm run build` (npm install runs it for you)\n');
  process.exit(2);
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
    [...TUNED_FLAGS, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    {
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, PROOFGATE_TUNED: '1' },
    },
  );
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  // A run ended by a signal never passes.
  child.on('exit', (code) => process.exit(code ?? 2));
} else {
  // Re-executed: die with the parent (a killed run must not finish later and write a report).
  if (process.env.PROOFGATE_TUNED === '1' && process.channel) {
    process.on('disconnect', () => process.exit(2));
    process.channel.unref();
  }
  await import(cli.href);
}
