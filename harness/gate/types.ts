import type { CliContext } from '../cli/context.js';
import type { LoadedConfig } from '../config/index.js';
import type { Report } from '../report/types.js';

/**
 * What every stage gets. A stage reads its inputs from `config` (resolved against `config.dir`)
 * and `args` (`gate.stages.<id>.args` in the config), writes progress to `log`, and returns a
 * Report. A thrown ProofgateError becomes a FAIL of that stage (id `stage-error`), never a PASS.
 */
export interface StageContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  config: LoadedConfig;
  /** The CLI context (streams, config loader) for stages that run a command in-process. */
  cli: CliContext;
  /** The run's date, YYYY-MM-DD (injected with --date; never read from the clock inside a stage). */
  date: string;
  /** Base git ref of the change being released (--from / gate.from), when given. */
  from: string | undefined;
  /** Candidate git ref (--to / gate.to, default HEAD). */
  to: string;
  /** Extra CLI arguments for this stage, from the config (gate.stages.<id>.args). */
  args: readonly string[];
  /** One line into logs/<stage>.log of the release folder. */
  log(line: string): void;
}

export interface Stage {
  /** Stable kebab-case id: what --only/--skip take and what the report names. */
  id: string;
  title: string;
  run(ctx: StageContext): Promise<Report>;
}

/**
 * A row of the gate's stage table. Either `run` (a stage written against the library), or
 * `command` (a registered CLI command run in-process with `--format json --deterministic`).
 * When neither exists yet the stage is a FAIL "not implemented": a gate never passes on a part
 * that did not run.
 */
export interface StageSpec {
  id: string;
  title: string;
  /** CLI command backing this stage, looked up in the command registry at run time. */
  command?: string;
  /** Default arguments for `command` (the config's gate.stages.<id>.args are appended). */
  defaultArgs?: (ctx: StageContext) => string[];
  /** A library implementation; wins over `command`. Loaded lazily. */
  load?: () => Promise<Stage>;
  /**
   * Returns why the stage does not apply to this run (it is then listed as skipped with that
   * reason, never as passed), or undefined when it applies. E.g. release-class without a base ref.
   */
  applies?: (ctx: StageContext) => string | undefined | Promise<string | undefined>;
}

export type StageStatus = 'pass' | 'fail' | 'skipped';

export interface StageOutcome {
  id: string;
  title: string;
  status: StageStatus;
  /** Why it failed or was skipped, in one line (deterministic). */
  reason?: string;
  /** The stage's own report (absent when skipped, not implemented or thrown). */
  report?: Report;
  /** sha256 of the stage report's canonical body. */
  digest?: string;
  durationMs: number;
  log: string[];
}
