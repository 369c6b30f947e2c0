import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { redactSecrets } from '../db/redact.js';
import { sha256Hex } from '../report/canonical-json.js';
import { outputError } from '../report/output-error.js';
import { redactReport } from '../report/redact-report.js';
import { renderMaskedJson } from '../report/render-json.js';
import { renderJunit } from '../report/render-junit.js';
import { mdCell, renderMarkdown } from '../report/render-markdown.js';
import type { Report } from '../report/types.js';
import type { OpenReleaseFolder } from './release-folder.js';
import { parseReleaseManifest, RELEASE_FOLDER_FORMAT } from './release-manifest.js';
import type { StageOutcome } from './types.js';

export { RELEASE_FOLDER_FORMAT };

export interface GateArtifacts {
  dir: string;
  /** Relative path → sha256, as written to manifest.json. */
  files: Record<string, string>;
  /** The JSON report's digest. */
  digest: string;
}

/**
 * Writes the release into the open folder's temp sibling: report.json (deterministic, with
 * digest), report.junit.xml, summary.md, stages/<id>.json, logs/<id>.log and, last,
 * manifest.json (sha256 + size of every other file); then appends summary.md to
 * $GITHUB_STEP_SUMMARY. Every credential is masked first (redact.ts). The caller commits the
 * folder (rename into place) only when all of this succeeded.
 */
export async function writeReleaseFolder(
  folder: OpenReleaseFolder,
  unmasked: Report,
  unmaskedOutcomes: readonly StageOutcome[],
  options: { gateLog: readonly string[]; githubStepSummary?: string | undefined },
): Promise<GateArtifacts> {
  const report = redactReport(unmasked);
  const outcomes = unmaskedOutcomes.map((o) => ({
    ...o,
    ...(o.reason === undefined ? {} : { reason: redactSecrets(o.reason) }),
    ...(o.report === undefined ? {} : { report: redactReport(o.report) }),
  }));
  const lines = (l: readonly string[]) => redactSecrets(l.map((x) => `${x}\n`).join(''));
  const json = renderMaskedJson(report, { deterministic: true });
  const digest = (JSON.parse(json) as { digest: string }).digest;
  const files = new Map<string, string>();
  files.set('report.json', json);
  files.set('report.junit.xml', renderJunit(report));
  const summary = redactSecrets(summaryMarkdown(report, outcomes, digest));
  files.set('summary.md', summary);
  for (const o of outcomes) {
    if (o.report !== undefined)
      files.set(`stages/${o.id}.json`, renderMaskedJson(o.report, { deterministic: true }));
    if (o.status !== 'skipped') files.set(`logs/${o.id}.log`, lines(o.log));
  }
  files.set('logs/prod-gate.log', lines(options.gateLog));
  const manifestFiles: { path: string; sha256: string; bytes: number }[] = [];
  for (const [path, text] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    await writeInto(folder, path, text);
    manifestFiles.push({ path, sha256: sha256Hex(text), bytes: Buffer.byteLength(text) });
  }
  const manifest = {
    format: RELEASE_FOLDER_FORMAT,
    verdict: report.pass ? 'PASS' : 'FAIL',
    digest,
    files: manifestFiles,
  };
  await writeInto(folder, 'manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  if (options.githubStepSummary !== undefined && options.githubStepSummary !== '') {
    try {
      await appendFile(options.githubStepSummary, summary);
    } catch (e) {
      throw outputError('$GITHUB_STEP_SUMMARY', options.githubStepSummary, e);
    }
  }
  return { dir: folder.dir, files: Object.fromEntries(manifestFiles.map((f) => [f.path, f.sha256])), digest };
}

/** Plain writes: the whole temp folder is renamed into place, so no per-file rename is needed. */
async function writeInto(folder: OpenReleaseFolder, path: string, text: string): Promise<void> {
  const file = join(folder.tmp, path);
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text, { flush: true });
  } catch (e) {
    throw outputError('the release folder', folder.dir, e);
  }
}

function summaryMarkdown(report: Report, outcomes: readonly StageOutcome[], digest: string): string {
  const rows = outcomes.map((o) => {
    const r = o.status === 'pass' ? '✅ pass' : o.status === 'skipped' ? '⏭️ skipped' : '❌ FAIL';
    const t = o.status === 'skipped' ? '' : `${(o.durationMs / 1000).toFixed(1)} s`;
    return `| \`${o.id}\` ${mdCell(o.title)} | ${r} | ${t} | ${mdCell((o.reason ?? '').replace(/\s+/g, ' ').slice(0, 300))} |`;
  });
  // The stage table below replaces the report's check table (the same stages, plus time and detail).
  return `${renderMarkdown({ ...report, checks: [] })}\n| stage | result | time | detail |\n|---|---|---|---|\n${rows.join('\n')}\n\nReport digest: \`${digest}\`\n`;
}

/**
 * Re-hashes every file listed in a release folder's manifest: the names of files that differ,
 * plus report.json when its verdict or digest is not the manifest's. A folder without a manifest
 * (a run in progress, killed or failed to write) gives ['manifest.json']: it never reads as PASS.
 */
export async function verifyReleaseFolder(dir: string): Promise<string[]> {
  let bytes: Buffer;
  try {
    bytes = await readFile(join(dir, 'manifest.json'));
  } catch {
    return ['manifest.json'];
  }
  const manifest = parseReleaseManifest(bytes);
  if ('invalid' in manifest) return ['manifest.json'];
  const bad: string[] = [];
  for (const f of manifest.files) {
    const file = join(dir, f.path);
    if (!existsSync(file) || sha256Hex(await readFile(file)) !== f.sha256) bad.push(f.path);
  }
  // The verdict is report.json's: a manifest that does not vouch for it vouches for nothing.
  if (!bad.includes('report.json')) {
    try {
      if (!manifest.files.some((f) => f.path === 'report.json')) throw new Error('not listed');
      const r = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as {
        verdict?: unknown;
        digest?: unknown;
      };
      if (r.verdict !== manifest.verdict || r.digest !== manifest.digest) bad.push('report.json');
    } catch {
      bad.push('report.json');
    }
  }
  return bad;
}
