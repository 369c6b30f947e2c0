import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import {
  checkPostgresMajor,
  DEFAULT_TARGET_MAJOR,
  providePostgres,
  type PostgresHandle,
} from '../db/index.js';
import { ProofgateError, UsageError } from '../errors/index.js';
import {
  driverFor,
  headMatches,
  loadMigrationRelease,
  MigrationFailure,
  preflight,
  type LockFile,
  type MigrationRelease,
} from '../migrations/index.js';
import type { CheckResult, Finding, Report } from '../report/index.js';
import {
  compareReports,
  databaseSource,
  mappedDatabaseSource,
  MAX_WORKERS,
  verifyLog,
  WorkerPool,
  type VerifyReportBody,
} from '../verify/index.js';
import { assertEmptyDatabase } from './assert-empty-database.js';
import { exitOnSignal } from './exit-on-signal.js';
import { loadHistory, type LoadedHistory } from './load-history.js';
import { loadMappedHistory, missingMappedTables, type RehearsalLedger } from './load-mapped-history.js';
import { mappedTables } from '../ledger/mapped/source-mapping.js';
import { LEDGER_DATA_RULES } from '../migrations/ledger-data-changes.js';
import type { RecordProfile } from '../proofs/index.js';
import { loadServiceConfig } from './load-service-config.js';
import { prepareRestore } from './restore-dump.js';
import { materializeRelease, type MaterializedRelease } from './materialize-release.js';
import { checkService } from './run-service.js';
import { rehearsalReport } from './rehearsal-report.js';
import type { DatabaseInfo, HistorySpec, ServiceCheckResult, StepId, StepResult } from './types.js';

export interface RehearseOptions {
  /** Release folders (release.json, migrations, service.json), relative to cwd, or `git:REF:PATH`. */
  base: string;
  candidate: string;
  history: HistorySpec;
  /** The migrations lock file (released checksums); the base's files count as released either way. */
  lock?: LockFile | undefined;
  /** Shown in the report (relative to cwd). */
  lockFile?: string | undefined;
  /** A server where the rehearsal creates (and drops) its own database; else Testcontainers / embedded. */
  databaseUrl?: string | undefined;
  provider?: 'auto' | 'url' | 'testcontainers' | 'embedded' | undefined;
  targetMajor?: number | undefined;
  /** Verification threads (default: one per core). */
  workers?: number | undefined;
  /** Paths in the report are relative to it (default process.cwd()). */
  cwd?: string | undefined;
  env?: NodeJS.ProcessEnv | undefined;
  /** Progress lines (provider choice, step starts); default: none. */
  log?: ((line: string) => void) | undefined;
  /** A team's own ledger (config `ledger`): loaded into and verified from the team's tables, never proofgate's. */
  ledger?: RehearsalLedger | undefined;
  /** The record profile of that ledger (config `ledger.profile`). */
  profile?: RecordProfile | undefined;
}

const TITLES: Record<StepId, string> = {
  provision: 'provision PostgreSQL (production major, empty scratch database)',
  'apply-base': "apply the base release's migrations",
  'load-history': 'load the signed history',
  'verify-baseline': 'verify the history (baseline)',
  preflight: "preflight the candidate's migrations: apply, check the head, apply again (no-op)",
  'verify-after': 'verify the history after the upgrade',
  compare: 'compare outcomes, content roots, key bindings and anchors with the baseline',
  service: 'start the candidate service: startup event, /health, /ready',
};

/** Everything the report is made of; filled step by step. */
export interface RehearsalState {
  base: MigrationRelease;
  candidate: MigrationRelease;
  /** `git:REF:PATH` when a release came from git (its folder is a temporary extraction). */
  labels: { base: string | undefined; candidate: string | undefined };
  history: HistorySpec;
  lockFile: string | undefined;
  cwd: string;
  database: DatabaseInfo | null;
  loaded: LoadedHistory | null;
  baseHeads: string[] | null;
  candidateHeads: string[] | null;
  schemaDigest: string | null;
  baseline: VerifyReportBody | null;
  after: VerifyReportBody | null;
  service: ServiceCheckResult | null;
  steps: StepResult[];
  findings: Finding[];
  checks: CheckResult[];
  timings: Record<string, number>;
}

/**
 * The upgrade rehearsal (DESIGN §4): provision → apply base → load history → verify → preflight the
 * candidate (apply, head, apply again) → verify → compare → start the candidate service. The first
 * failing step ends the run; the steps after it are reported as skipped, never as passed. A thrown
 * ProofgateError (bad input, database or tool failure) propagates: exit 2.
 */
export async function rehearse(options: RehearseOptions): Promise<Report> {
  return exitOnSignal(() => rehearseReleases(options));
}

async function rehearseReleases(options: RehearseOptions): Promise<Report> {
  const cwd = options.cwd ?? process.cwd();
  const base = await materializeRelease(options.base, cwd);
  try {
    const candidate = await materializeRelease(options.candidate, cwd);
    try {
      return await rehearseFolders(options, base, candidate);
    } finally {
      await candidate.cleanup();
    }
  } finally {
    await base.cleanup();
  }
}

async function rehearseFolders(
  options: RehearseOptions,
  baseFolder: MaterializedRelease,
  candidateFolder: MaterializedRelease,
): Promise<Report> {
  const cwd = options.cwd ?? process.cwd();
  const targetMajor = options.targetMajor ?? DEFAULT_TARGET_MAJOR;
  const log = options.log ?? (() => undefined);
  // Inputs first: a malformed release fails before any database is started.
  const base = await loadMigrationRelease(baseFolder.dir);
  const candidate = await loadMigrationRelease(candidateFolder.dir);
  const serviceConfig = await loadServiceConfig(candidate.dir);
  // A staging dump and the client tool of the server's major are inputs too.
  const env = options.env ?? process.env;
  if ('restore' in options.history && options.ledger === undefined)
    throw new UsageError('a pg_dump restore loads a team’s own tables: it needs ledger.source', {
      hint: 'set ledger.source (docs/foreign-ledger.md), or give --history BUNDLE / --generate N',
    });
  const restore =
    'restore' in options.history
      ? {
          prepared: await prepareRestore(options.history, options.targetMajor ?? DEFAULT_TARGET_MAJOR, env),
          env,
        }
      : undefined;

  const state: RehearsalState = {
    base,
    candidate,
    labels: { base: baseFolder.label, candidate: candidateFolder.label },
    history: options.history,
    lockFile: options.lockFile,
    cwd,
    database: null,
    loaded: null,
    baseHeads: null,
    candidateHeads: null,
    schemaDigest: null,
    baseline: null,
    after: null,
    service: null,
    steps: [],
    findings: [],
    checks: [],
    timings: {},
  };
  const started = performance.now();
  let failedAt: StepId | undefined;
  let handle: PostgresHandle | undefined;
  // One worker pool for both verifications, started now so thread start-up overlaps provisioning…
  const workers = options.workers ?? Math.min(availableParallelism(), MAX_WORKERS);
  const pool = workers > 0 ? new WorkerPool(workers) : undefined;
  // …and warmed up: V8 optimises the per-record path on a throwaway history while the database
  // starts, so the baseline pass runs at the speed of the second (never rejects; speed only).
  void pool?.warmUp();
  const deferred: Finding[] = [];

  /** Runs one step unless an earlier one failed; its findings decide pass/fail. */
  const step = async (id: StepId, fn: () => Promise<{ findings?: Finding[]; summary: string }>) => {
    if (failedAt !== undefined) {
      state.steps.push({
        id,
        title: TITLES[id],
        status: 'skipped',
        summary: `skipped: step ${failedAt} failed`,
        durationMs: 0,
      });
      return;
    }
    log(`rehearse: ${id}…`);
    const t0 = performance.now();
    let outcome: { findings?: Finding[]; summary: string };
    try {
      outcome = await fn();
    } catch (e) {
      const ms = Math.round(performance.now() - t0);
      state.timings[id] = ms;
      state.steps.push({
        id,
        title: TITLES[id],
        status: 'fail',
        summary: `error: ${(e as Error).message}`,
        durationMs: ms,
      });
      throw e;
    }
    const ms = Math.round(performance.now() - t0);
    state.timings[id] = ms;
    const findings = outcome.findings ?? [];
    state.findings.push(...findings);
    const firstError = findings.find((f) => f.level === 'error');
    if (firstError) failedAt = id;
    state.steps.push({
      id,
      title: TITLES[id],
      status: firstError ? 'fail' : 'pass',
      summary: firstError ? `${firstError.id}: ${firstError.message}` : outcome.summary,
      durationMs: ms,
    });
  };

  try {
    await step('provision', async () => {
      handle = await providePostgres({
        ...(options.databaseUrl === undefined ? {} : { databaseUrl: options.databaseUrl }),
        targetMajor,
        provider: options.provider ?? 'auto',
        ...(options.env === undefined ? {} : { env: options.env }),
        log,
      });
      state.database = {
        provider: handle.provider,
        serverVersion: handle.serverVersion,
        major: handle.major,
        targetMajor,
      };
      await assertEmptyDatabase(handle.url);
      const mismatch = checkPostgresMajor(handle, targetMajor);
      return {
        findings: mismatch ? [mismatch] : [],
        summary: `${handle.provider} PostgreSQL ${handle.serverVersion}, empty scratch database`,
      };
    });
    const url = (): string => handle!.url;

    await step('apply-base', async () => {
      const driver = driverFor(base);
      try {
        await driver.apply(url());
      } catch (e) {
        if (!(e instanceof MigrationFailure)) throw e;
        return {
          findings: [
            {
              id: 'base-apply-failed',
              level: 'error',
              message: `the base release ${base.artifact.version} does not apply to an empty database: ${e.detail}`,
              file: rel(cwd, e.file === undefined ? base.migrationsDir : `${base.migrationsDir}/${e.file}`),
            },
          ],
          summary: '',
        };
      }
      const heads = await driver.heads(url());
      state.baseHeads = heads;
      const expected = base.artifact.expected_alembic_head;
      if (expected !== null && !(heads.length === 1 && headMatches(heads[0]!, expected)))
        return {
          findings: [
            {
              id: 'base-head-mismatch',
              level: 'error',
              message: `the base release reaches head ${heads.join(', ') || 'none'} but its release.json expects ${expected}`,
              file: rel(cwd, `${base.dir}/release.json`),
              pointer: '/expected_alembic_head',
            },
          ],
          summary: '',
        };
      return {
        summary: `${base.artifact.version} applied (${driver.kind} driver), head ${heads.join(', ') || 'none'}`,
      };
    });

    await step('load-history', async () => {
      const ledger = options.ledger;
      if (ledger !== undefined) {
        const missing = await missingMappedTables(url(), ledger, base.artifact.version);
        if (missing.length > 0) return { findings: missing, summary: '' };
      }
      state.loaded =
        ledger !== undefined
          ? await loadMappedHistory(options.history, url(), ledger, restore)
          : await loadHistory(options.history, url());
      const l = state.loaded;
      return { summary: `${l.records} records, ${l.anchors} anchors, ${l.keys} keys of ${l.origin}` };
    });

    const verify = async (): Promise<VerifyReportBody> => {
      const source = options.ledger
        ? await mappedDatabaseSource(url(), options.ledger.mapping, options.profile)
        : await databaseSource(url(), state.loaded?.origin);
      try {
        const profile = options.profile ? { profile: options.profile } : {};
        const { report } = await verifyLog(source, pool ? { pool, ...profile } : { workers: 0, ...profile });
        return report!.body as unknown as VerifyReportBody;
      } finally {
        await source.close();
      }
    };

    await step('verify-baseline', async () => {
      const body = await verify();
      state.baseline = body;
      const problems = body.verdict !== 'PASS' || body.treeSize === 0;
      if (problems)
        return {
          findings: [
            {
              id: 'baseline-not-verifiable',
              level: 'error',
              message: `the history does not verify before the upgrade (${body.treeSize} records, ${body.failuresTotal} bad, ${body.anchors.verified}/${body.anchors.total} anchors): an upgrade of it proves nothing; verify the history first (proofgate verify-proofs)`,
            },
          ],
          summary: '',
        };
      return {
        summary: `${body.treeSize} records ok, ${body.anchors.verified} anchors, ${body.keys.length} keys; verification digest ${body.verificationDigest.slice(0, 16)}…`,
      };
    });

    await step('preflight', async () => {
      const result = await preflight({
        candidate,
        base,
        lock: options.lock,
        databaseUrl: url(),
        baseApplied: true,
        pgMajor: targetMajor,
        cwd,
        ...(options.ledger ? { ledgerTables: mappedTables(options.ledger.mapping) } : {}),
      });
      for (const [k, v] of Object.entries(result.timings)) state.timings[`preflight.${k}`] = v;
      state.checks.push(...result.checks);
      state.candidateHeads = result.heads ?? null;
      state.schemaDigest = result.schemaDigest ?? null;
      // Data changes on ledger tables are errors, but the rehearsal goes on to show what they did
      // to the history: they are reported with the comparison (after its own findings), never dropped.
      const findings = result.findings.filter((f) => !(f.id in LEDGER_DATA_RULES));
      deferred.push(...result.findings.filter((f) => f.id in LEDGER_DATA_RULES));
      if (!result.pass && !result.findings.some((f) => f.level === 'error'))
        findings.push({
          id: 'migration-preflight-failed',
          level: 'error',
          message: 'the migration preflight did not pass',
        });
      return {
        findings,
        summary: `${candidate.artifact.version} applied on ${base.artifact.version}, head ${(result.heads ?? []).join(', ') || 'none'}, applying again changed nothing`,
      };
    });

    await step('verify-after', async () => {
      try {
        state.after = await verify();
      } catch (e) {
        // It was readable before the upgrade: unreadable after it is the candidate's doing.
        if (!(e instanceof ProofgateError)) throw e;
        return {
          findings: [
            {
              id: 'history-unreadable',
              level: 'error',
              message: `the history cannot be read after the upgrade: ${e.message}`,
            },
          ],
          summary: '',
        };
      }
      const a = state.after;
      return { summary: `${a.treeSize} records read again; ${a.failuresTotal} do not verify now` };
    });

    await step('compare', async () => {
      // The baseline's PASS is its own step; an after-upgrade FAIL shows here as changed outcomes.
      const compared = compareReports(state.baseline!, state.after!, { requireEvidence: false });
      // Causes before consequences: a dropped or rebound key, or rewritten bytes, is why outcomes changed.
      const findings = [...byCause(compared.findings), ...deferred];
      return { findings, summary: compared.title };
    });

    await step('service', async () => {
      state.service = await checkService({
        releaseDir: candidate.dir,
        artifact: candidate.artifact,
        config: serviceConfig,
        databaseUrl: url(),
        cwd,
        ...(options.env === undefined ? {} : { parentEnv: options.env }),
      });
      state.checks.push(...state.service.checks);
      return {
        findings: state.service.findings,
        summary: `started; ${serviceConfig.healthPath} and ${serviceConfig.readyPath} answer 200; its ${serviceConfig.startupEvent} event carries release ${candidate.artifact.version}'s artifact`,
      };
    });
    // A step before compare failed: the ledger data changes the preflight found still go in the report.
    if (deferred.length > 0 && !state.findings.includes(deferred[0] as Finding))
      state.findings.push(...deferred);
  } finally {
    const t0 = performance.now();
    await pool?.close();
    await handle?.close();
    state.timings['cleanup'] = Math.round(performance.now() - t0);
    state.timings['total'] = Math.round(performance.now() - started);
  }
  return rehearsalReport(state);
}

export function rel(cwd: string, path: string): string {
  return relative(cwd, path) || '.';
}

// The first finding names the failing step's reason, so root causes go first (stable otherwise).
const CAUSE_ORDER = [
  'origin-changed',
  'history-truncated',
  'tree-size-changed',
  'key-dropped',
  'key-rebound',
  'note-key-dropped',
  'content-root-missing',
  'content-root-changed',
  'anchors-changed',
];
function byCause(findings: Finding[]): Finding[] {
  const rank = (f: Finding): number => {
    const i = CAUSE_ORDER.indexOf(f.id);
    return i === -1 ? CAUSE_ORDER.length : i;
  };
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
    .map((x) => x.f);
}
