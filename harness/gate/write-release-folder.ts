import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { appendFile, readFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { UsageError } from '../errors/index.js';
import { sha256Hex } from '../report/canonical-json.js';
import { renderJson } from '../report/render-json.js';
import { renderJunit } from '../report/render-junit.js';
import { renderMarkdown } from '../report/render-markdown.js';
import type { Report } from '../report/types.js';
import { writeFileAtomic } from '../report/write-atomic.js';
import type { StageOutcome } from './types.js';

export const RELEASE_FOLDER_FORMAT = 'proofgate-release/1';

export interface GateArtifacts {
  dir: string;
  /** Relative path → sha256, as written to manifest.json. */
  files: Record<string, string>;
  /** The JSON report's digest. */
  digest: string;
}

/**
 * Writes the release folder: report.json (deterministic, with digest), report.junit.xml,
 * summary.md, stages/<id>.json, logs/<id>.log and manifest.json (sha256 + size of every other
 * file). A folder that proofgate did not write is never deleted: reusing one is a usage error.
 */
export async function writeReleaseFolder(
  dir: string,
  report: Report,
  outcomes: readonly StageOutcome[],
  options: { gateLog: readonly string[]; githubStepSummary?: string | undefined },
): Promise<GateArtifacts> {
  await clearOwnFolder(dir);
  const json = renderJson(report, { deterministic: true });
  const digest = (JSON.parse(json) as { digest: string }).digest;
  const files = new Map<string, string>();
  files.set('report.json', json);
  files.set('report.junit.xml', renderJunit(report));
  const summary = summaryMarkdown(report, outcomes, digest);
  files.set('summary.md', summary);
  for (const o of outcomes) {
    if (o.report !== undefined)
      files.set(`stages/${o.id}.json`, renderJson(o.report, { deterministic: true }));
    if (o.status !== 'skipped') files.set(`logs/${o.id}.log`, o.log.map((l) => `${l}\n`).join(''));
  }
  files.set('logs/prod-gate.log', options.gateLog.map((l) => `${l}\n`).join(''));
  const manifestFiles: { path: string; sha256: string; bytes: number }[] = [];
  for (const [path, text] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    await writeFileAtomic(join(dir, path), text);
    manifestFiles.push({ path, sha256: sha256Hex(text), bytes: Buffer.byteLength(text) });
  }
  const manifest = {
    format: RELEASE_FOLDER_FORMAT,
    verdict: report.pass ? 'PASS' : 'FAIL',
    digest,
    files: manifestFiles,
  };
  await writeFileAtomic(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  if (options.githubStepSummary !== undefined && options.githubStepSummary !== '') {
    await appendFile(options.githubStepSummary, summary);
  }
  return { dir, files: Object.fromEntries(manifestFiles.map((f) => [f.path, f.sha256])), digest };
}

function summaryMarkdown(report: Report, outcomes: readonly StageOutcome[], digest: string): string {
  const rows = outcomes.map((o) => {
    const r = o.status === 'pass' ? '✅ pass' : o.status === 'skipped' ? '⏭️ skipped' : '❌ FAIL';
    const t = o.status === 'skipped' ? '' : `${(o.durationMs / 1000).toFixed(1)} s`;
    return `| \`${o.id}\` | ${r} | ${t} | ${(o.reason ?? '').replace(/\|/g, '\\|').replace(/\s+/g, ' ').slice(0, 300)} |`;
  });
  return `${renderMarkdown(report)}\n| stage | result | time | detail |\n|---|---|---|---|\n${rows.join('\n')}\n\nReport digest: \`${digest}\`\n`;
}

async function clearOwnFolder(dir: string): Promise<void> {
  if (!existsSync(dir)) return;
  const entries = readdirSync(dir);
  if (entries.length === 0) return;
  const manifest = join(dir, 'manifest.json');
  let ours = false;
  if (existsSync(manifest)) {
    try {
      ours =
        (JSON.parse(readFileSync(manifest, 'utf8')) as { format?: unknown }).format === RELEASE_FOLDER_FORMAT;
    } catch {
      ours = false;
    }
  }
  if (!ours) {
    throw new UsageError(
      `release folder ${dir} exists and was not written by proofgate prod-gate; refusing to overwrite it`,
      {
        hint: 'choose an empty or new folder with --out-dir',
      },
    );
  }
  await rm(dir, { recursive: true, force: true });
}

/** Re-hashes every file listed in a release folder's manifest: the names of files that differ. */
export async function verifyReleaseFolder(dir: string): Promise<string[]> {
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as {
    files: { path: string; sha256: string }[];
  };
  const bad: string[] = [];
  for (const f of manifest.files) {
    const file = join(dir, f.path);
    if (!existsSync(file) || sha256Hex(await readFile(file)) !== f.sha256) bad.push(relative(dir, file));
  }
  return bad;
}
