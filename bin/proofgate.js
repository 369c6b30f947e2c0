#!/bin/sh
':' //; exec node -- "$0" "$@"
// Thin launcher: the CLI is compiled to dist/ by `npm install` (the `prepare` script).
//
// This file is both a POSIX shell script and an ES module. Run as a program (npm's and pnpm's bin
// links), /bin/sh runs line 2 and re-executes it as `node -- <this file> <args>`: Node reads
// `--env-file` anywhere on its command line up to a `--`, even after the script name, and applies
// the file's NODE_OPTIONS before any of our code runs, so without the `--` an env file under review
// (`proofgate release-check --env-file prod.env`) could run code inside proofgate. `#!/usr/bin/env
// -S node --` would do the same, but busybox env (Alpine) has no -S. To JavaScript, line 2 is a
// string expression and a comment; Node skips line 1 (a hashbang).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

const exit = process.exit.bind(process); // before the CLI guards process.exit against user code

// Node (20 and 22 alike) reads `--env-file` anywhere on its command line up to a `--`, even after
// the script name, and applies the file's NODE_OPTIONS before any of our code runs: the env file
// under review could run code inside proofgate. proofgate's own option is `release-check --env`;
// an `--env-file` that Node has seen means Node already read the file, so nothing can be trusted.
const NODE_ENV_FILE = /^--env-file(-if-exists)?(=|$)/;
function nodeReadOurEnvFile() {
  const ours = process.argv.slice(2).find((a) => NODE_ENV_FILE.test(a));
  if (ours === undefined) return undefined;
  let raw;
  try {
    raw = readFileSync('/proc/self/cmdline', 'latin1').split('\0');
  } catch {
    return ours; // cannot tell whether a `--` protected it: fail closed
  }
  const end = raw.indexOf('--');
  return raw.slice(0, end < 0 ? raw.length : end).some((a) => NODE_ENV_FILE.test(a)) ? ours : undefined;
}
const seen = nodeReadOurEnvFile();
if (seen !== undefined) {
  process.stderr.write(
    `proofgate: ${seen.split('=')[0]} is also a Node.js option: Node read that file itself before proofgate started ` +
      'and applied any NODE_OPTIONS in it, so code from the file may already have run. Nothing was checked (exit 2).\n' +
      '  hint: use `proofgate release-check --env FILE` (proofgate reads it as data; Node never sees it)\n',
  );
  exit(2);
}

const cli = new URL('../dist/harness/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('proofgate: dist/ is missing; run `npm run build` (npm install runs it for you)\n');
  exit(2);
}

// V8 heap flags must be set at process start, so the commands that verify a whole log re-execute
// themselves with them (measured on 2 cores, where every core is verifying):
// - verify-proofs keeps ~40 MB live, but V8 grows its three heaps (main + 2 workers) lazily to
//   ~250 MB by 200k records. A 4 MB young generation and a 160 MB old-generation cap keep memory
//   flat (150–155 MB at a million records).
// - rehearse: its main thread streams the ledger twice while holding little; with the default young
//   generation (up to 16 MB a semi-space) the old generation's headroom stays below it and V8 runs a
//   full GC every ~0.3 s (8 a pass at 100k records). A 2 MB semi-space ends that: the second pass
//   is ~5% faster and peak RSS falls from ~190 to ~150 MB. No old-generation cap: a rehearsal also
//   imports and compares.
// - --single-threaded-gc: V8's parallel GC helper threads only compete with the verifying workers
//   (3–4% less CPU and wall time for the same run, +6 MB RSS).
// - --heap-growing-percent: V8 counts the ArrayBuffers a thread allocates (socket chunks, buffers
//   coming back from the workers: ~2 KB a record) against its old generation's limit, which it
//   sets only ~10 MB above the ~14 MB that stays live. The main thread then ran a full mark-compact
//   every ~0.7 s (30–37 at a million records, ~0.8 s of CPU) while holding almost nothing. A limit
//   3× the live size, with a young generation small enough that a scavenge frees those buffers
//   before they reach it, leaves ~5 (main-thread CPU 3.1 → 2.0 s). 4× with an 8 MB young
//   generation left 1 for the same CPU but ~28 MB more RSS. A rehearsal streams the ledger twice
//   the same way (its passes: 0.79–0.83 → 0.79–0.87 of raw libsodium, same RSS).
const TUNED_FLAGS = {
  'verify-proofs': [
    '--max-semi-space-size=4',
    '--max-old-space-size=160',
    '--single-threaded-gc',
    '--heap-growing-percent=200',
  ],
  rehearse: ['--max-semi-space-size=2', '--single-threaded-gc', '--heap-growing-percent=300'],
};
const tuned = Object.hasOwn(TUNED_FLAGS, process.argv[2] ?? '') ? TUNED_FLAGS[process.argv[2]] : undefined;

if (tuned !== undefined && process.env.PROOFGATE_TUNED !== '1') {
  const child = spawn(
    process.execPath,
    [...tuned, ...process.execArgv, '--', fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    {
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, PROOFGATE_TUNED: '1' },
    },
  );
  // `--` before the script: Node never reads our arguments as its own (see NODE_ENV_FILE).
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
  // process.exit runs the 'exit' hooks: a rehearsal still drops its scratch database and stops the
  // candidate service (harness/db/provide-url.ts, harness/rehearsal/run-service.ts).
  if (process.env.PROOFGATE_TUNED === '1' && process.channel) {
    process.on('disconnect', () => {
      process.stderr.write(`proofgate ${process.argv[2]}: the launcher process died: stopped, no verdict (exit 2)\n`);
      exit(2);
    });
    process.channel.unref();
  }
  await import(cli.href);
}
