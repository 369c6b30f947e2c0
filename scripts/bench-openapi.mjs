#!/usr/bin/env node
// check-openapi on the real Stripe pair (../shared/corpus/real, ~4 MB each, 73 schemas in cycles):
// wall time and peak RSS of the whole CLI process, against a bare JSON.parse of both files run the
// same way in the same session, so the ratios stay meaningful on a busy shared machine.
// Targets (issue 2): ≤ 1.0 s wall and ≤ 250 MB peak RSS; reports byte-identical across runs.
import { measure, median } from './bench-lib.mjs';
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGET_WALL_S = 1.0;
const TARGET_RSS_MB = 250;

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const corpus = process.env.PROOFGATE_CORPUS ?? join(root, '..', 'shared', 'corpus');
const base = join(corpus, 'real', 'stripe-spec3-2021-10-08.json');
const candidate = join(corpus, 'real', 'stripe-spec3-2022-04-12.json');
if (!existsSync(base) || !existsSync(candidate)) {
  process.stdout.write(
    `bench openapi: SKIPPED: the Stripe pair is not at ${join(corpus, 'real')} (set PROOFGATE_CORPUS)\n`,
  );
  process.exit(0);
}
const cli = join(root, 'bin', 'proofgate.js');
if (!existsSync(join(root, 'dist', 'harness', 'cli.js'))) {
  process.stderr.write('bench openapi: dist/ is missing; run `npm run build` (npm run bench does it)\n');
  process.exit(2);
}

const baselineArgs = [
  '-e',
  "const f=require('node:fs');for(const p of process.argv.slice(1))JSON.parse(f.readFileSync(p,'utf8'))",
  base,
  candidate,
];
const checkArgs = [
  cli,
  'check-openapi',
  '--base',
  base,
  '--candidate',
  candidate,
  '--format',
  'json',
  '--deterministic',
  '--date',
  '2026-01-01',
];

const mb = (kib) => (kib * 1024) / 1e6;

{
  const size = (f) => (statSync(f).size / 1e6).toFixed(1);
  process.stdout.write(
    `bench openapi: check-openapi on Stripe 2021-10-08 → 2022-04-12 (${size(base)} MB + ${size(candidate)} MB), ` +
      `${RUNS} runs after 1 warm-up, peak RSS and CPU of the whole process; ` +
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on this machine\n`,
  );
  const warm = await measure(checkArgs);
  if (warm.code !== 0 && warm.code !== 1) {
    process.stderr.write(`bench openapi: check-openapi exited ${warm.code}:\n${warm.stderr}`);
    process.exit(2);
  }
  await measure(baselineArgs);
  const baseline = [];
  const check = [];
  for (let i = 0; i < RUNS; i++) {
    baseline.push(await measure(baselineArgs)); // interleaved, so both see the same machine load
    check.push(await measure(checkArgs));
  }
  const bad = check.find((r) => r.code !== warm.code);
  if (bad) {
    process.stderr.write(
      `bench openapi: exit code changed between runs (${warm.code} → ${bad.code})\n${bad.stderr}`,
    );
    process.exit(2);
  }
  const digests = new Set([warm, ...check].map((r) => createHash('sha256').update(r.stdout).digest('hex')));
  const identical = digests.size === 1;
  const report = JSON.parse(warm.stdout.toString());
  // One more run without --deterministic, for the report's own load/diff split.
  const timed = await measure(checkArgs.filter((a) => a !== '--deterministic'));
  const timings = JSON.parse(timed.stdout.toString()).timings ?? {};

  const bw = median(baseline.map((r) => r.wall));
  const br = mb(median(baseline.map((r) => r.rssKiB)));
  const cw = median(check.map((r) => r.wall));
  const cr = mb(median(check.map((r) => r.rssKiB)));
  const wallOk = cw <= TARGET_WALL_S;
  const rssOk = cr <= TARGET_RSS_MB;
  const bc = median(baseline.map((r) => r.cpu));
  const cc = median(check.map((r) => r.cpu));
  const row = (name, wall, rss, cpu) =>
    `  ${name.padEnd(22)} ${wall.padStart(14)} ${rss.padStart(18)} ${cpu.padStart(16)}\n`;
  process.stdout.write(
    row('', 'wall (median)', 'peak RSS (median)', 'CPU (median)') +
      row('JSON.parse baseline', `${bw.toFixed(3)} s`, `${br.toFixed(0)} MB`, `${bc.toFixed(2)} s`) +
      row('check-openapi', `${cw.toFixed(3)} s`, `${cr.toFixed(0)} MB`, `${cc.toFixed(2)} s`) +
      row('ratio', `${(cw / bw).toFixed(2)}×`, `${(cr / br).toFixed(2)}×`, `${(cc / bc).toFixed(2)}×`) +
      row(
        'target',
        `≤ ${TARGET_WALL_S.toFixed(1)} s ${wallOk ? 'PASS' : 'FAIL'}`,
        `≤ ${TARGET_RSS_MB} MB ${rssOk ? 'PASS' : 'FAIL'}`,
        '',
      ) +
      `  inside check-openapi (one run): load both specs ${timings.loadMs ?? '?'} ms, diff ${timings.diffMs ?? '?'} ms\n` +
      `  all wall times: check ${check.map((r) => r.wall.toFixed(2)).join(' ')} s; baseline ${baseline.map((r) => r.wall.toFixed(2)).join(' ')} s\n` +
      `  reports byte-identical across ${check.length + 1} runs: ${identical ? 'yes' : `NO (${digests.size} different outputs)`} ` +
      `(verdict ${report.verdict}, ${report.changes.length} changes, digest ${report.digest.slice(0, 16)}…, exit ${warm.code})\n`,
  );
  const pass = wallOk && rssOk && identical;
  process.stdout.write(`bench openapi: ${pass ? 'PASS' : 'FAIL'}\n`);
  process.exitCode = pass ? 0 : 1;
}
