// Shared benchmark helpers: whole-process wall time and peak RSS of a child, medians, tables.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
export const CLI = join(ROOT, 'bin', 'proofgate.js');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const tmp = mkdtempSync(join(tmpdir(), 'proofgate-bench-'));
// Without /usr/bin/time the child reports its own peak RSS and CPU (getrusage) on exit.
const PROBE = `data:text/javascript,import{writeFileSync}from'node:fs';process.on('exit',()=>{const u=process.resourceUsage();writeFileSync(process.env.PROOFGATE_RSS_FILE,u.maxRSS+' '+u.userCPUTime/1e6+' '+u.systemCPUTime/1e6)})`;

/** Runs `node ...args` once: wall and CPU (user+sys) seconds, peak RSS (KiB, all threads), exit code, output. */
export function measure(args, options = {}) {
  return new Promise((resolve, reject) => {
    const rssFile = join(tmp, `rss-${process.hrtime.bigint()}`);
    const [cmd, argv] = TIME
      ? [TIME, ['-f', '%M %U %S', '-o', rssFile, process.execPath, ...args]]
      : [process.execPath, [`--import=${PROBE}`, ...args]];
    const started = process.hrtime.bigint();
    const child = spawn(cmd, argv, {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, ...options.env, PROOFGATE_RSS_FILE: rssFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = [];
    const err = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      const lines = existsSync(rssFile) ? readFileSync(rssFile, 'utf8').trim().split('\n') : ['NaN NaN NaN'];
      const [rssKiB, user, sys] = (lines[lines.length - 1] ?? '').split(' ').map(Number);
      resolve({
        wall,
        rssKiB,
        cpu: user + sys,
        code,
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err).toString(),
      });
    });
  });
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
export const mb = (kib) => kib / 1024;

/** Prints aligned rows: [label, value, ...]. */
export function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  for (const r of rows)
    process.stdout.write(`  ${r.map((c, i) => String(c).padEnd(widths[i])).join('  ')}\n`);
}
