#!/usr/bin/env node
// check-openapi on the biggest real specs: the Stripe pair (../shared/corpus/real, ~4 MB each, 73
// schemas in cycles) and GitHub's REST API description (@octokit/openapi, two versions far apart,
// ~12-13 MB each; fetched from the npm registry into .proofgate/bench at bench time, never committed).
// Wall time and peak RSS of the whole CLI process, against a bare JSON.parse of both files run the
// same way in the same session, so the ratios stay meaningful on a busy shared machine.
// Targets: Stripe ≤ 1.0 s wall; every pair ≤ 1.0 s per 4 MB of its larger spec; ≤ 250 MB peak RSS;
// reports byte-identical across runs.
import { measure, median } from './bench-lib.mjs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGET_S_PER_4MB = 1.0;
const TARGET_RSS_MB = 250;
const GITHUB_VERSIONS = ['10.0.0', '23.0.2'];

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const corpus = process.env.PROOFGATE_CORPUS ?? join(root, '..', 'shared', 'corpus');
const cli = join(root, 'bin', 'proofgate.js');
if (!existsSync(join(root, 'dist', 'harness', 'cli.js'))) {
  process.stderr.write('bench openapi: dist/ is missing; run `npm run build` (npm run bench does it)\n');
  process.exit(2);
}

/** GitHub's api.github.com.json of one @octokit/openapi version, cached; undefined when unreachable. */
function githubSpec(version) {
  const dir = join(root, '.proofgate', 'bench', `octokit-openapi-${version}`);
  const file = join(dir, 'api.github.com.json');
  if (existsSync(file)) return file;

  const tmp = `${dir}.tmp-${process.pid}`;
  try {
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    execFileSync('npm', ['pack', `@octokit/openapi@${version}`, '--silent', '--pack-destination', tmp], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const tgz = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
    if (!tgz) throw new Error('npm pack wrote no tarball');
    execFileSync('tar', ['xzf', join(tmp, tgz), '-C', tmp, 'package/generated/api.github.com.json']);
    mkdirSync(dir, { recursive: true });
    renameSync(join(tmp, 'package', 'generated', 'api.github.com.json'), file);
    return file;
  } catch (e) {
    process.stdout.write(
      `bench openapi: SKIPPED the GitHub pair: could not fetch @octokit/openapi@${version} from the npm registry (${String(e.message ?? e).split('\n')[0]})\n`,
    );
    return undefined;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const mb = (kib) => (kib * 1024) / 1e6;

async function benchPair(name, base, candidate) {
  const sizeMB = (f) => statSync(f).size / 1e6;
  const targetWall = Math.max(1, Math.max(sizeMB(base), sizeMB(candidate)) / 4) * TARGET_S_PER_4MB;
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
  process.stdout.write(
    `\nbench openapi: check-openapi on ${name} (${sizeMB(base).toFixed(1)} MB + ${sizeMB(candidate).toFixed(1)} MB), ` +
      `${RUNS} runs after 1 warm-up, peak RSS and CPU of the whole process; ` +
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on this machine\n`,
  );
  const warm = await measure(checkArgs);
  if (warm.code !== 0 && warm.code !== 1) {
    process.stderr.write(`bench openapi: check-openapi exited ${warm.code}:\n${warm.stderr}`);
    return 2;
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
    return 2;
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
  const wallOk = cw <= targetWall;
  const rssOk = cr <= TARGET_RSS_MB;
  const bc = median(baseline.map((r) => r.cpu));
  const cc = median(check.map((r) => r.cpu));
  const row = (label, wall, rss, cpu) =>
    `  ${label.padEnd(22)} ${wall.padStart(14)} ${rss.padStart(18)} ${cpu.padStart(16)}\n`;
  process.stdout.write(
    row('', 'wall (median)', 'peak RSS (median)', 'CPU (median)') +
      row('JSON.parse baseline', `${bw.toFixed(3)} s`, `${br.toFixed(0)} MB`, `${bc.toFixed(2)} s`) +
      row('check-openapi', `${cw.toFixed(3)} s`, `${cr.toFixed(0)} MB`, `${cc.toFixed(2)} s`) +
      row('ratio', `${(cw / bw).toFixed(2)}×`, `${(cr / br).toFixed(2)}×`, `${(cc / bc).toFixed(2)}×`) +
      row(
        'target',
        `≤ ${targetWall.toFixed(1)} s ${wallOk ? 'PASS' : 'FAIL'}`,
        `≤ ${TARGET_RSS_MB} MB ${rssOk ? 'PASS' : 'FAIL'}`,
        '',
      ) +
      `  inside check-openapi (one run): load both specs ${timings.loadMs ?? '?'} ms, diff ${timings.diffMs ?? '?'} ms\n` +
      `  all wall times: check ${check.map((r) => r.wall.toFixed(2)).join(' ')} s; baseline ${baseline.map((r) => r.wall.toFixed(2)).join(' ')} s\n` +
      `  reports byte-identical across ${check.length + 1} runs: ${identical ? 'yes' : `NO (${digests.size} different outputs)`} ` +
      `(verdict ${report.verdict}, ${report.changes.length} changes, digest ${report.digest.slice(0, 16)}…, exit ${warm.code})\n`,
  );
  const pass = wallOk && rssOk && identical;
  process.stdout.write(`bench openapi: ${name}: ${pass ? 'PASS' : 'FAIL'}\n`);
  return pass ? 0 : 1;
}

const statuses = [];
// PROOFGATE_BENCH_PAIRS=stripe (or github) runs one pair only.
const pairs = (process.env.PROOFGATE_BENCH_PAIRS ?? 'stripe,github').split(',');

const stripeBase = join(corpus, 'real', 'stripe-spec3-2021-10-08.json');
const stripeCand = join(corpus, 'real', 'stripe-spec3-2022-04-12.json');
if (!pairs.includes('stripe'))
  process.stdout.write('bench openapi: SKIPPED the Stripe pair (PROOFGATE_BENCH_PAIRS has no stripe)\n');
else if (existsSync(stripeBase) && existsSync(stripeCand))
  statuses.push(await benchPair('Stripe 2021-10-08 → 2022-04-12', stripeBase, stripeCand));
else
  process.stdout.write(
    `bench openapi: SKIPPED: the Stripe pair is not at ${join(corpus, 'real')} (set PROOFGATE_CORPUS)\n`,
  );
const gh = pairs.includes('github') ? GITHUB_VERSIONS.map(githubSpec) : [];
if (!pairs.includes('github'))
  process.stdout.write('bench openapi: SKIPPED the GitHub pair (PROOFGATE_BENCH_PAIRS has no github)\n');
if (gh.length > 0 && gh.every(Boolean))
  statuses.push(
    await benchPair(`GitHub REST (@octokit/openapi ${GITHUB_VERSIONS.join(' → ')})`, gh[0], gh[1]),
  );
process.exitCode = statuses.length === 0 ? 0 : Math.max(...statuses);
