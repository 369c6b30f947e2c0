import { resolve } from 'node:path';
import type { CliContext } from '../cli/context.js';
import type { LoadedConfig } from '../config/index.js';
import { UsageError } from '../errors/index.js';
import { isWithin } from '../is-within.js';
import { realPath } from '../real-path.js';
import type { Report } from '../report/types.js';
import { appendChangelog } from './append-changelog.js';
import { gateSection } from './gate-config.js';
import { gateReport } from './gate-report.js';
import { openReleaseFolder } from './release-folder.js';
import { runGate } from './run-gate.js';
import { selectStages } from './select-stages.js';
import { GATE_STAGES } from './stages.js';
import type { StageOutcome, StageSpec } from './types.js';
import { writeReleaseFolder, type GateArtifacts } from './write-release-folder.js';

export interface ProdGateOptions {
  cli: CliContext;
  config: LoadedConfig;
  /** YYYY-MM-DD for the changelog entry. */
  date: string;
  only?: readonly string[];
  skip?: readonly string[];
  from?: string | undefined;
  to?: string | undefined;
  /** Release folder (absolute or relative to cwd); default gate.outDir or proofgate-release. */
  outDir?: string | undefined;
  /** Operations Changelog file, or false for none; default gate.changelog or OPERATIONS_CHANGELOG.md. */
  changelog?: string | false | undefined;
  /** The stage table (tests inject their own; default GATE_STAGES). */
  stages?: readonly StageSpec[];
}

export interface ProdGateResult {
  report: Report;
  outcomes: StageOutcome[];
  folder: GateArtifacts;
  changelog: string | undefined;
}

/** Runs the whole gate, writes the release folder and appends the Operations Changelog entry. */
export async function runProdGate(o: ProdGateOptions): Promise<ProdGateResult> {
  const gate = gateSection(o.config.config);
  const specs = o.stages ?? GATE_STAGES;
  const ids = specs.map((s) => s.id);
  const configured = Object.entries(gate.stages ?? {}).filter(
    ([, v]) => v.skip === true || v.notApplicable !== undefined,
  );
  const configSkips = configured.map(([id]) => id);
  const skipped = selectStages(ids, o.only ?? [], [...new Set([...(o.skip ?? []), ...configSkips])]);
  for (const [id, { notApplicable: na }] of configured) {
    if ((o.skip ?? []).includes(id)) continue;
    skipped.set(id, na !== undefined ? `not applicable: ${na}` : 'skipped by config (gate.stages.<id>.skip)');
  }
  const from = o.from ?? gate.from;
  const to = o.to ?? gate.to ?? 'HEAD';
  const stageArgs = Object.fromEntries(
    Object.entries(gate.stages ?? {}).map(([id, v]) => [id, v.args ?? []]),
  );
  const outDir = resolve(
    o.cli.cwd,
    o.outDir ?? (gate.outDir === undefined ? 'proofgate-release' : resolve(o.config.dir, gate.outDir)),
  );
  // A CLI path is relative to the working folder; a config path to the config's folder.
  const changelogOpt = o.changelog ?? gate.changelog;
  const changelogBase = o.changelog !== undefined ? o.cli.cwd : o.config.dir;
  const changelog =
    changelogOpt === false
      ? undefined
      : changelogOpt === undefined
        ? resolve(o.cli.cwd, 'OPERATIONS_CHANGELOG.md')
        : resolve(changelogBase, changelogOpt);
  // Compared as real paths: a symlinked folder on either side is still the same place.
  if (changelog !== undefined && isWithin(realPath(changelog), realPath(outDir)))
    throw new UsageError(`the Operations Changelog ${changelog} is inside the release folder ${outDir}`, {
      hint: 'the release folder is replaced on every run: keep the changelog outside it (--changelog, gate.changelog)',
    });
  const githubStepSummary = o.cli.env.GITHUB_STEP_SUMMARY;
  // Before any stage: the lock, a foreign or unwritable folder, an unwritable step summary.
  const release = await openReleaseFolder(outDir, { githubStepSummary });
  try {
    const outcomes = await runGate(specs, {
      cli: o.cli,
      config: o.config,
      date: o.date,
      from,
      to,
      skipped,
      stageArgs,
    });
    const report = gateReport(outcomes);
    const gateLog = [
      `prod-gate date=${o.date} from=${from ?? '(none)'} to=${to}`,
      ...outcomes.map(
        (x) => `stage ${x.id}: ${x.status}${x.reason ? ` (${x.reason})` : ''} ${x.durationMs} ms`,
      ),
      `verdict: ${report.pass ? 'PASS' : 'FAIL'}`,
    ];
    const folder = await writeReleaseFolder(release, report, outcomes, { gateLog, githubStepSummary });
    if (changelog !== undefined) {
      const artifact = outcomes.find((x) => x.id === 'release-check')?.report?.body.artifact as
        { code_sha?: unknown } | undefined;
      await appendChangelog(changelog, {
        date: o.date,
        pass: report.pass,
        digest: folder.digest,
        outcomes,
        releaseDir: outDir.startsWith(o.cli.cwd) ? outDir.slice(o.cli.cwd.length + 1) || '.' : outDir,
        codeSha: typeof artifact?.code_sha === 'string' ? artifact.code_sha : undefined,
      });
    }
    // Last: the whole release appears at once, after everything else was written.
    await release.commit();
    return { report, outcomes, folder, changelog };
  } finally {
    await release.close();
  }
}
