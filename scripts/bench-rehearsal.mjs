#!/usr/bin/env node
// The full upgrade rehearsal (issue 5): r1 → r2 of fixtures/releases on the embedded PostgreSQL 15
// with a 100 000-record signed history, step by step, timed through the compiled CLI. Targets: the
// whole run (embedded server start and cleanup included) under 60 s on this 2-core machine, and
// verification (each of the two passes) at ≥ 80% of raw node:crypto verify of the same signatures
// on 2 worker threads, measured in the same run. BENCH_REHEARSAL_RECORDS sets N (default 100 000).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, ROOT, cachedHistory, mb, measure, rawVerifyRate, table } from './bench-lib.mjs';

const N = Number(process.env.BENCH_REHEARSAL_RECORDS ?? 100_000);
const WORKERS = 2;
const TARGET_S = 60;
if (!existsSync(join(ROOT, 'dist', 'harness', 'cli.js'))) {
  process.stderr.write('bench rehearsal: dist/ is missing; run `npm run build` (npm run bench does it)\n');
  process.exit(2);
}
const dir = await cachedHistory({
  name: 'rehearsal',
  records: N,
  origin: 'bench.example/rehearsal',
  seed: 'bench-rehearsal',
});
// The machine is shared: raw crypto is measured before and after the rehearsal, and the mean is the baseline.
const rawBefore = await rawVerifyRate(dir, WORKERS, N);
const out = join(ROOT, '.proofgate', 'bench', `rehearsal-report-${N}.json`);
const r = await measure([
  CLI,
  'rehearse',
  '--base',
  'fixtures/releases/r1',
  '--candidate',
  'fixtures/releases/r2',
  '--lock',
  'fixtures/releases/migrations.lock.json',
  '--history',
  dir,
  '--provider',
  'embedded',
  '--workers',
  String(WORKERS),
  '--format',
  'json',
  '--out',
  out,
]);
if (r.code !== 0) {
  process.stderr.write(`bench rehearsal: rehearse exited ${r.code}\n${r.stdout}\n${r.stderr}\n`);
  process.exit(2);
}
const rawAfter = await rawVerifyRate(dir, WORKERS, N);
const baseline = (rawBefore + rawAfter) / 2;
const report = JSON.parse(readFileSync(out, 'utf8'));
if (report.verdict !== 'PASS' || report.baseline?.treeSize !== N)
  throw new Error(`unexpected report: ${report.verdict}, ${report.baseline?.treeSize} records`);
const t = report.timings;
const s = (ms) => (ms / 1000).toFixed(2);
const rate = (ms) => N / (ms / 1000);
process.stdout.write(
  `\nrehearse r1 → r2, ${N} Ed25519 records, ${WORKERS} workers (${report.database.provider} PostgreSQL ${report.database.serverVersion}):\n`,
);
const rows = [['step', 'seconds', 'records/s', 'ratio vs raw']];
for (const step of report.steps) {
  const ms = t[step.id] ?? 0;
  const verify = step.id === 'verify-baseline' || step.id === 'verify-after';
  rows.push([
    step.id,
    s(ms),
    verify ? rate(ms).toFixed(0) : '',
    verify ? (rate(ms) / baseline).toFixed(2) : '',
  ]);
  if (step.id === 'preflight')
    for (const k of Object.keys(t).filter((k) => k.startsWith('preflight.')))
      rows.push([`  ${k}`, s(t[k]), '', '']);
}
rows.push(['cleanup', s(t.cleanup ?? 0), '', '']);
rows.push(['total (in-process)', s(t.total), '', '']);
rows.push(['wall (process)', r.wall.toFixed(2), '', '']);
rows.push(['raw crypto.verify (mean)', (N / baseline).toFixed(2), baseline.toFixed(0), '1.00']);
rows.push(['  raw before / after', '', `${rawBefore.toFixed(0)} / ${rawAfter.toFixed(0)}`, '']);
table(rows);
process.stdout.write(`  peak RSS ${mb(r.rssKiB).toFixed(0)} MB\n`);
const checks = [
  [`whole rehearsal < ${TARGET_S} s (wall ${r.wall.toFixed(1)} s)`, r.wall < TARGET_S],
  ['verify-baseline ≥ 0.80 × raw', rate(t['verify-baseline']) / baseline >= 0.8],
  ['verify-after ≥ 0.80 × raw', rate(t['verify-after']) / baseline >= 0.8],
];
for (const [name, ok] of checks) process.stdout.write(`  ${ok ? 'PASS' : 'FAIL'}  ${name}\n`);
process.exit(checks.every(([, ok]) => ok) ? 0 : 1);
