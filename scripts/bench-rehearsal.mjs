#!/usr/bin/env node
// The full upgrade rehearsal (issue 5): r1 → r2 of fixtures/releases on the embedded PostgreSQL 15
// with a 100 000-record signed history, step by step, timed through the compiled CLI. Targets: the
// whole run (embedded server start and cleanup included) under 60 s on this 2-core machine, and
// verification (each of the two passes) at ≥ 80% of the fastest raw verify of the same signatures
// on 2 worker threads (libsodium where sodium-native loads, else node:crypto), measured in the
// same run, and peak RSS ≤ 250 MB (two verification passes, the import, the service's client).
// The rehearsal also runs once with sodium-native made unloadable (node:crypto alone): the verification steps' speed-up is printed beside the raw libsodium / node:crypto speed-up, and
// both runs must give the same baseline and after digests. BENCH_REHEARSAL_RECORDS sets N (default 100 000).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CLI,
  NO_SODIUM,
  ROOT,
  SODIUM_PATH,
  cachedHistory,
  mb,
  meanRates,
  measure,
  rawRates,
  table,
} from './bench-lib.mjs';

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
// The machine is shared and drifts: raw crypto is measured right before and right after the
// rehearsal it judges (as in bench-verify), and the mean of those two is its baseline.
const rawBefore = await rawRates(dir, WORKERS, N);

async function rehearsal(node, name) {
  const out = join(ROOT, '.proofgate', 'bench', `rehearsal-report-${N}-${name}.json`);
  const r = await measure([
    ...node,
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
    process.stderr.write(`bench rehearsal: rehearse (${name}) exited ${r.code}\n${r.stdout}\n${r.stderr}\n`);
    process.exit(2);
  }
  const report = JSON.parse(readFileSync(out, 'utf8'));
  if (report.verdict !== 'PASS' || report.baseline?.treeSize !== N)
    throw new Error(`unexpected report: ${report.verdict}, ${report.baseline?.treeSize} records`);
  return { r, report };
}
const fast = await rehearsal([], 'libsodium');
const rawAfter = await rawRates(dir, WORKERS, N);
const slow = SODIUM_PATH ? await rehearsal(['--require', NO_SODIUM], 'node-crypto') : undefined;
const rawLast = slow ? await rawRates(dir, WORKERS, N) : rawAfter;
const baseline = meanRates(rawBefore, rawAfter);
const best = baseline.sodium ?? baseline.node;
const { r, report } = fast;
const t = report.timings;
const s = (ms) => (ms / 1000).toFixed(2);
const rate = (ms) => N / (ms / 1000);
const ratio = (x, base) => (base === undefined ? 'n/a' : (x / base).toFixed(2));
process.stdout.write(
  `\nrehearse r1 → r2, ${N} Ed25519 records, ${WORKERS} workers (${report.database.provider} PostgreSQL ${report.database.serverVersion}, Ed25519: ${report.engine?.ed25519 ?? '?'}):\n`,
);
const rows = [
  ['step', 'seconds', 'records/s', 'vs raw node:crypto', 'vs raw libsodium', 'node:crypto alone s'],
];
for (const step of report.steps) {
  const ms = t[step.id] ?? 0;
  const verify = step.id === 'verify-baseline' || step.id === 'verify-after';
  rows.push([
    step.id,
    s(ms),
    verify ? rate(ms).toFixed(0) : '',
    verify ? ratio(rate(ms), baseline.node) : '',
    verify ? ratio(rate(ms), baseline.sodium) : '',
    slow ? s(slow.report.timings[step.id] ?? 0) : '',
  ]);
  if (step.id === 'preflight')
    for (const k of Object.keys(t).filter((k) => k.startsWith('preflight.')))
      rows.push([`  ${k}`, s(t[k]), '', '', '', slow ? s(slow.report.timings[k] ?? 0) : '']);
}
rows.push(['cleanup', s(t.cleanup ?? 0), '', '', '', slow ? s(slow.report.timings.cleanup ?? 0) : '']);
rows.push(['total (in-process)', s(t.total), '', '', '', slow ? s(slow.report.timings.total) : '']);
rows.push(['wall (process)', r.wall.toFixed(2), '', '', '', slow ? slow.r.wall.toFixed(2) : '']);
rows.push([
  'raw node:crypto (mean)',
  (N / baseline.node).toFixed(2),
  baseline.node.toFixed(0),
  '1.00',
  '',
  '',
]);
if (baseline.sodium !== undefined)
  rows.push([
    'raw libsodium (mean)',
    (N / baseline.sodium).toFixed(2),
    baseline.sodium.toFixed(0),
    '',
    '1.00',
    '',
  ]);
table(rows);
const f = (x) => (x === undefined ? 'n/a' : x.toFixed(0));
process.stdout.write(
  `  raw before / after the rehearsal, records/s: node:crypto ${f(rawBefore.node)} / ${f(rawAfter.node)}, libsodium ${f(rawBefore.sodium)} / ${f(rawAfter.sodium)}` +
    (slow ? ` (after the node:crypto-alone run: ${f(rawLast.node)} / ${f(rawLast.sodium)})` : '') +
    '\n',
);
process.stdout.write(`  peak RSS ${mb(r.rssKiB).toFixed(0)} MB\n`);
const verifyMs = (rep) => rep.timings['verify-baseline'] + rep.timings['verify-after'];
const all = meanRates(rawBefore, rawAfter, rawLast);
if (slow) {
  process.stdout.write(
    `  speed-up with libsodium: verification steps ×${(verifyMs(slow.report) / verifyMs(report)).toFixed(2)}, ` +
      `raw ×${ratio(all.sodium, all.node)}; whole rehearsal ×${(slow.r.wall / r.wall).toFixed(2)}\n`,
  );
}
const checks = [
  [`whole rehearsal < ${TARGET_S} s (wall ${r.wall.toFixed(1)} s)`, r.wall < TARGET_S],
  [`peak RSS ≤ 250 MB (${mb(r.rssKiB).toFixed(0)} MB)`, mb(r.rssKiB) <= 250],
  [
    `verify-baseline ≥ 0.80 × raw ${baseline.sodium ? 'libsodium' : 'node:crypto'}`,
    rate(t['verify-baseline']) / best >= 0.8,
  ],
  [
    `verify-after ≥ 0.80 × raw ${baseline.sodium ? 'libsodium' : 'node:crypto'}`,
    rate(t['verify-after']) / best >= 0.8,
  ],
  ...(slow
    ? [
        [
          'same verification digests with node:crypto alone',
          slow.report.baseline.verificationDigest === report.baseline.verificationDigest &&
            slow.report.after.verificationDigest === report.after.verificationDigest,
        ],
      ]
    : []),
];
for (const [name, ok] of checks) process.stdout.write(`  ${ok ? 'PASS' : 'FAIL'}  ${name}\n`);
process.exit(checks.every(([, ok]) => ok) ? 0 : 1);
