import type { ProviderName } from '../db/index.js';
import type { Finding } from '../report/index.js';
import type { RestoreSpec } from './restore-dump.js';

/** The rehearsal's steps, in the order they run (DESIGN §4). */
export const STEP_IDS = [
  'provision',
  'apply-base',
  'load-history',
  'verify-baseline',
  'preflight',
  'verify-after',
  'compare',
  'service',
] as const;
export type StepId = (typeof STEP_IDS)[number];

export type StepStatus = 'pass' | 'fail' | 'skipped';

/** One step as reported: what it did, or why it failed, or that it did not run (never "passed"). */
export interface StepResult {
  id: StepId;
  title: string;
  status: StepStatus;
  /** One deterministic line: what the step established, why it failed, or why it was skipped. */
  summary: string;
  /** Wall time in ms (kept out of the report body). */
  durationMs: number;
}

/**
 * Where the history comes from: a bundle folder, N records from the seeded generator, or (a team's
 * own ledger only) a pg_dump of a staging copy restored into the team's tables.
 */
export type HistorySpec = { bundle: string } | { generate: number; seed?: string } | RestoreSpec;

/** `service.json` in a release folder: how to start the release's service and what to probe. */
export interface ServiceConfig {
  /** argv, run without a shell; `command[0]` is looked up on PATH. */
  command: string[];
  /** Working folder, relative to the release folder (default: the folder proofgate runs in). */
  cwd?: string;
  /** Extra environment (secrets for a staging-like start, ENV, feature switches). */
  env: Record<string, string>;
  healthPath: string;
  readyPath: string;
  /** `event` value of the JSON stdout line that announces the start (default `app.startup`). */
  startupEvent: string;
  /** Member of that event holding the release artifact (default `release`). */
  releaseField: string;
  /** Start + health + ready must succeed within this many ms (default 20 000). */
  timeoutMs: number;
  /** Extra GETs once ready, each with the status it must answer (e.g. a new endpoint is served). */
  probes: ServiceProbe[];
}

export interface ServiceProbe {
  path: string;
  status: number;
  /** Why this probe matters, shown in the report. */
  why?: string;
}

export interface ServiceCheckResult {
  findings: Finding[];
  /** health / ready / release checks, pass or fail, in order. */
  checks: { id: string; name: string; pass: boolean; skipped?: boolean; message?: string }[];
  /** Deterministic facts for the report body. */
  body: { healthStatus: number | null; readyStatus: number | null; startupEvent: boolean };
}

export interface DatabaseInfo {
  provider: ProviderName;
  serverVersion: string;
  major: number;
  targetMajor: number;
}
