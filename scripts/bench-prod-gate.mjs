#!/usr/bin/env node
// The whole production gate (`proofgate prod-gate`) on this repository, stage by stage: wall time
// and peak RSS of the CLI process, and each stage's own time from the report's `timings`.
// Target (issue 6): the whole gate under 120 s on a 2-core machine. The gate's PASS/FAIL is
// printed but is not the bench's verdict (the tests own that); a missing stage shows as FAIL.
// Config: the repository's proofgate.config.mjs, found by the CLI in its working folder.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ROOT, mb, measure, table } from './bench-lib.mjs';

const TARGET_S = 120;
if (!existsSync(join(ROOT, 'dist', 'harness', 'cli.js'))) {
  process.stderr.write('bench prod-gate: dist/ is missing; run `npm run build` (npm run bench does it)\n');
  process.exit(2);
}
const out = mkdtempSync(join(tmpdir(), 'proofgate-bench-gate-'));
const args = [
  CLI,
  'prod-gate',
  '--out-dir',
  join(out, 'release'),
  '--no-changelog',
  '--format',
  'json',
  '--date',
  '2026-01-01',
];
const r = await measure(args);
if (r.code !== 0 && r.code !== 1) {
  process.stderr.write(`bench prod-gate: the gate could not run (exit ${r.code}):\n${r.stderr}\n`);
  process.exit(2);
}
const report = JSON.parse(r.stdout.toString('utf8'));
const rows = [['stage', 'status', 'seconds']];
for (const s of report.stages) {
  const ms = report.timings?.[s.id];
  rows.push([s.id, s.status, ms === undefined ? '-' : (ms / 1000).toFixed(2)]);
}
rows.push(['(whole CLI process)', report.verdict, r.wall.toFixed(2)]);
process.stdout.write(`config: proofgate.config.mjs (from the working folder)\n`);
table(rows);
process.stdout.write(`peak RSS ${mb(r.rssKiB).toFixed(0)} MB; report digest ${report.digest}\n`);
const manifest = JSON.parse(readFileSync(join(out, 'release', 'manifest.json'), 'utf8'));
process.stdout.write(`release folder: ${manifest.files.length} files hashed in manifest.json\n`);
const ok = r.wall <= TARGET_S;
process.stdout.write(
  `target: whole gate ≤ ${TARGET_S} s: ${ok ? 'met' : 'MISSED'} (${r.wall.toFixed(1)} s)\n`,
);
process.exit(ok ? 0 : 1);
