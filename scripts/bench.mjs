#!/usr/bin/env node
// Tiny benchmark runner. `npm run bench` runs every scripts/bench-<name>.mjs in name order;
// `npm run bench -- openapi proofs` runs only those. Each bench is its own process and exits
// 0 (targets met, or skipped with a message), 1 (a target missed) or 2 (could not run).
// The runner builds dist/ first (benches time the compiled CLI) and exits with the worst status.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const available = readdirSync(here)
  .filter((f) => /^bench-[a-z0-9-]+\.mjs$/.test(f))
  .map((f) => f.slice('bench-'.length, -'.mjs'.length))
  .sort();

const args = process.argv.slice(2);
const noBuild = args.includes('--no-build');
const wanted = args.filter((a) => !a.startsWith('--'));
const unknown = wanted.filter((w) => !available.includes(w));
if (unknown.length) {
  process.stderr.write(
    `bench: unknown bench ${unknown.join(', ')}; available: ${available.join(', ') || '(none)'}\n`,
  );
  process.exit(2);
}
const selected = wanted.length ? wanted : available;

if (!noBuild) {
  process.stdout.write('bench: building dist/ (tsc -p tsconfig.build.json; skip with --no-build)\n');
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // tsc still emits when some unrelated file has a type error; the benches then report what they can.
  if (build.status !== 0)
    process.stdout.write('bench: warning: the build reported type errors; dist/ may be partly stale\n');
}

const results = [];
for (const name of selected) {
  process.stdout.write(`\n=== bench ${name} ===\n`);
  const r = spawnSync(process.execPath, [join(here, `bench-${name}.mjs`)], { cwd: root, stdio: 'inherit' });
  results.push([name, r.status ?? 2]);
}
const label = { 0: 'PASS (or skipped)', 1: 'FAIL (target missed)', 2: 'ERROR' };
process.stdout.write('\n=== bench summary ===\n');
for (const [name, status] of results)
  process.stdout.write(`  ${name.padEnd(16)} ${label[status] ?? `exit ${status}`}\n`);
process.exit(Math.max(0, ...results.map(([, s]) => (s === 0 || s === 1 ? s : 2))));
