import { performance } from 'node:perf_hooks';
import type { CliContext } from '../cli/context.js';
import type { LoadedConfig } from '../config/index.js';
import { isProofgateError } from '../errors/index.js';
import { canonicalDigest } from '../report/canonical-json.js';
import { commandStage } from './command-stage.js';
import { progressPrinter } from './progress.js';
import type { Stage, StageContext, StageOutcome, StageSpec } from './types.js';

export interface RunGateOptions {
  cli: CliContext;
  config: LoadedConfig;
  date: string;
  from: string | undefined;
  to: string;
  /** Stage id → why it is skipped (from --only/--skip). */
  skipped: ReadonlyMap<string, string>;
  /** Extra args per stage id (gate.stages.<id>.args). */
  stageArgs: Readonly<Record<string, readonly string[]>>;
}

/**
 * Runs the stages in table order, each isolated: a stage that throws or is missing is a FAIL
 * of that stage and the gate goes on, so one run reports every broken part. Skipped stages are
 * listed as skipped, never as passed.
 */
export async function runGate(specs: readonly StageSpec[], options: RunGateOptions): Promise<StageOutcome[]> {
  const outcomes: StageOutcome[] = [];
  const progress = progressPrinter(options.cli.stderr, specs.length, options.cli.env);
  for (const [i, spec] of specs.entries()) {
    const log: string[] = [];
    const skipped = (reason: string, lines: string[]): void => {
      const o: StageOutcome = {
        id: spec.id,
        title: spec.title,
        status: 'skipped',
        reason,
        durationMs: 0,
        log: lines,
      };
      outcomes.push(o);
      progress.end(i, o);
    };
    const skip = options.skipped.get(spec.id);
    if (skip !== undefined) {
      skipped(skip, log);
      continue;
    }
    progress.start(i, spec.id);
    const ctx: StageContext = {
      cwd: options.cli.cwd,
      env: options.cli.env,
      config: options.config,
      cli: options.cli,
      date: options.date,
      from: options.from,
      to: options.to,
      args: options.stageArgs[spec.id] ?? [],
      log: (line) => void log.push(line),
    };
    const na = await spec.applies?.(ctx);
    if (na !== undefined) {
      skipped(na, [`skipped: ${na}`]);
      continue;
    }
    const t0 = performance.now();
    const o = await runOne(spec, ctx, log);
    o.durationMs = Math.round(performance.now() - t0);
    outcomes.push(o);
    progress.end(i, o);
  }
  return outcomes;
}

async function runOne(spec: StageSpec, ctx: StageContext, log: string[]): Promise<StageOutcome> {
  const base = { id: spec.id, title: spec.title, durationMs: 0, log };
  let stage: Stage | undefined;
  try {
    stage = spec.load !== undefined ? await spec.load() : undefined;
    if (stage === undefined && spec.command !== undefined) {
      stage = commandStage(spec.id, spec.title, spec.command, [
        ...(spec.defaultArgs?.(ctx) ?? []),
        ...ctx.args,
      ]);
    }
  } catch (e) {
    return { ...base, status: 'fail', reason: `stage could not load: ${(e as Error).message}` };
  }
  if (stage === undefined) {
    const what =
      spec.command !== undefined ? `command \`${spec.command}\` is not registered` : 'no implementation';
    log.push(`not implemented: ${what}`);
    return { ...base, status: 'fail', reason: `not implemented (${what})` };
  }
  try {
    const report = await stage.run(ctx);
    const errors = report.findings.filter((f) => f.level === 'error');
    // A stage that says FAIL with no error finding, or PASS with one, is inconsistent: fail closed.
    const pass = report.pass && errors.length === 0;
    return {
      ...base,
      status: pass ? 'pass' : 'fail',
      ...(pass
        ? {}
        : { reason: errors[0] !== undefined ? `${errors[0].id}: ${errors[0].message}` : report.title }),
      report,
      digest: canonicalDigest(report.body),
    };
  } catch (e) {
    const msg = isProofgateError(e)
      ? `${e.code}: ${e.message}${e.hint ? ` (hint: ${e.hint})` : ''}`
      : `internal error: ${(e as Error)?.message ?? String(e)}`;
    log.push(`error: ${msg}`);
    if (!isProofgateError(e) && (e as Error)?.stack) log.push((e as Error).stack!);
    return { ...base, status: 'fail', reason: `stage-error ${msg}` };
  }
}
