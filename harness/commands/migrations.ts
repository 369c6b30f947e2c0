import { relative, resolve } from 'node:path';
import type { CliContext, Command } from '../cli/context.js';
import { emitReport } from '../cli/emit.js';
import {
  parseCommandArgs,
  parseFormat,
  REPORT_OPTIONS,
  REPORT_OPTIONS_HELP,
  requireFlag,
} from '../cli/options.js';
import { checkPostgresMajor, DEFAULT_TARGET_MAJOR, providePostgres, redactUrl } from '../db/index.js';
import { UsageError } from '../errors/index.js';
import type { Finding, Report } from '../report/index.js';
import { driverFor, headMatches } from '../migrations/driver.js';
import { loadMigrationRelease } from '../migrations/load-release.js';
import { DEFAULT_LOCK_FILE, readLock, writeLock } from '../migrations/lock-file.js';
import { lockRelease } from '../migrations/lock-release.js';
import { migrationsSection } from '../migrations/migrations-config.js';
import { preflight } from '../migrations/preflight.js';
import { preflightReport } from '../migrations/preflight-report.js';
import { squawkVersion } from '../migrations/squawk.js';
import { migrationStatus } from '../migrations/status.js';
import type { MigrationRelease } from '../migrations/types.js';
import { assertOutputsAreNotInputs } from '../cli/out-guard.js';

const SUBCOMMANDS = ['lock', 'preflight', 'apply', 'status'] as const;

const HELP = `Usage: proofgate migrations <lock|preflight|apply|status> --release DIR [options] [report options]

A release is a folder: release.json (the release artifact), migrations/ (NNNN_name.sql files) or a
migrations.json naming a command driver (e.g. Alembic). See docs/migrations.md.

  lock       record the release's migration checksums in the lock file (new versions only)
             --release DIR  --lock FILE
  preflight  fail closed on edited/removed/renamed/out-of-order migrations, more than one head,
             a head other than expected_alembic_head, migrations that are not rerun-safe, and
             destructive or locking DDL (squawk) in a release not classed major
             --release DIR  [--base DIR]  [--lock FILE]  [--database-url URL | --no-database]
             [--provider auto|url|testcontainers|embedded]
  apply      apply the release's migrations to the database at --database-url (no scratch database)
             --release DIR  --database-url URL
  status     show applied and pending migrations and the head (read-only)
             --release DIR  --database-url URL

Options:
  --release DIR       the release folder (candidate)
  --base DIR          preflight: the release it upgrades from (its files count as released; applied first)
  --lock FILE         checksum lock file (config: migrations.lock; default: ${DEFAULT_LOCK_FILE})
  --database-url URL  preflight: a server where proofgate creates and drops its own scratch database
                      (default: PROOFGATE_DATABASE_URL, config database.url, else Testcontainers or
                      an embedded PostgreSQL ${DEFAULT_TARGET_MAJOR}); apply/status: the database itself
  --no-database       preflight: only the file rules and squawk (database rules reported as not checked)

${REPORT_OPTIONS_HELP}

Exit codes: 0 PASS · 1 FAIL (a finding) · 2 usage, unreadable release/lock, database or tool error.
Examples:
  proofgate migrations lock --release releases/1.0.0
  proofgate migrations preflight --release releases/1.1.0 --base releases/1.0.0 --format json
  proofgate migrations apply --release releases/1.1.0 --database-url postgres://app@db/app`;

export const command: Command = {
  name: 'migrations',
  summary: 'migration lock file, preflight (forward-only, one head, rerun-safe, squawk), apply and status',
  help: HELP,
  async run(argv, ctx) {
    const [sub, ...rest] = argv;
    if (sub === '--help' || sub === '-h') {
      ctx.stdout.write(`${HELP}\n`);
      return 0;
    }
    if (sub === undefined || !(SUBCOMMANDS as readonly string[]).includes(sub))
      throw new UsageError(
        `migrations: ${sub === undefined ? 'missing' : `unknown`} subcommand${sub === undefined ? '' : ` ${JSON.stringify(sub)}`}`,
        {
          hint: `use one of ${SUBCOMMANDS.join(', ')} (proofgate migrations --help)`,
        },
      );
    const { values } = parseCommandArgs(`migrations ${sub}`, {
      args: rest,
      options: {
        ...REPORT_OPTIONS,
        release: { type: 'string' },
        base: { type: 'string' },
        lock: { type: 'string' },
        'database-url': { type: 'string' },
        'no-database': { type: 'boolean' },
        provider: { type: 'string' },
      },
    });
    if (values.help) {
      ctx.stdout.write(`${HELP}\n`);
      return 0;
    }
    const allowed: Record<(typeof SUBCOMMANDS)[number], string[]> = {
      lock: ['lock'],
      preflight: ['base', 'lock', 'database-url', 'no-database', 'provider'],
      apply: ['database-url'],
      status: ['database-url'],
    };
    for (const flag of ['base', 'lock', 'database-url', 'no-database', 'provider'] as const)
      if (values[flag] !== undefined && !allowed[sub as (typeof SUBCOMMANDS)[number]].includes(flag))
        throw new UsageError(`migrations ${sub} does not take --${flag}`);
    const format = parseFormat(values.format);
    const loaded = await ctx.config(values.config);
    const release = await loadMigrationRelease(
      resolve(
        ctx.cwd,
        requireFlag('--release', values.release, 'name the release folder, e.g. --release releases/1.1.0'),
      ),
    );
    const lockFile =
      values.lock !== undefined
        ? { path: resolve(ctx.cwd, values.lock), explicit: true }
        : {
            path: resolve(loaded.dir, migrationsSection(loaded.config).lock ?? DEFAULT_LOCK_FILE),
            explicit: migrationsSection(loaded.config).lock !== undefined,
          };
    assertOutputsAreNotInputs(
      ctx.cwd,
      [{ flag: '--out', path: values.out }],
      [
        release.dir,
        lockFile.path,
        values.base === undefined ? undefined : resolve(ctx.cwd, values.base),
        loaded.file,
      ],
    );
    const emit = (report: Report): Promise<0 | 1> =>
      emitReport(report, { format, out: values.out, deterministic: values.deterministic }, ctx);
    const rel = (p: string): string => relative(ctx.cwd, p) || '.';

    if (sub === 'lock') return emit(await runLock(release, lockFile.path, ctx, rel));

    if (sub === 'preflight') {
      if (values['database-url'] !== undefined && values['no-database'])
        throw new UsageError('--database-url and --no-database exclude each other');
      const base =
        values.base === undefined ? undefined : await loadMigrationRelease(resolve(ctx.cwd, values.base));
      const lock = await readLock(lockFile.path, { missingOk: !lockFile.explicit && base !== undefined });
      const linter = await squawkVersion();
      const dbConfig = loaded.config.database ?? {};
      const targetMajor = dbConfig.targetMajor ?? DEFAULT_TARGET_MAJOR;
      if (values['no-database']) {
        const result = await preflight({
          candidate: release,
          base,
          lock,
          pgMajor: targetMajor,
          cwd: ctx.cwd,
        });
        return emit(
          preflightReport(result, { candidate: release, base, lockFile: rel(lockFile.path), linter }),
        );
      }
      const provider = values.provider ?? dbConfig.provider ?? 'auto';
      if (!['auto', 'url', 'testcontainers', 'embedded'].includes(provider))
        throw new UsageError(
          `--provider must be auto, url, testcontainers or embedded, not ${JSON.stringify(provider)}`,
        );
      const databaseUrl = values['database-url'] ?? dbConfig.url;
      const handle = await providePostgres({
        ...(databaseUrl === undefined ? {} : { databaseUrl }),
        targetMajor,
        provider: provider as 'auto',
        env: ctx.env,
        log: (line) => ctx.stderr.write(`proofgate: ${line}\n`),
      });
      try {
        const mismatch = checkPostgresMajor(handle, targetMajor);
        const result = await preflight({
          candidate: release,
          base,
          lock,
          databaseUrl: handle.url,
          pgMajor: targetMajor,
          cwd: ctx.cwd,
        });
        if (mismatch) {
          result.findings.unshift(mismatch);
          result.pass = false;
        }
        return emit(
          preflightReport(result, {
            candidate: release,
            base,
            lockFile: rel(lockFile.path),
            linter,
            database: `${handle.provider} PostgreSQL ${handle.serverVersion}`,
          }),
        );
      } finally {
        await handle.close();
      }
    }

    const url = requireFlag(
      '--database-url',
      values['database-url'] ?? ctx.env['PROOFGATE_DATABASE_URL'] ?? loaded.config.database?.url,
      `migrations ${sub} works on the database you name (it creates nothing)`,
    );
    if (sub === 'apply') return emit(await runApply(release, url, rel));
    return emit(await runStatus(release, url, rel));
  },
};

async function runLock(
  release: MigrationRelease,
  lockPath: string,
  ctx: CliContext,
  rel: (p: string) => string,
): Promise<Report> {
  const lock = await readLock(lockPath, { missingOk: true });
  const outcome = lockRelease(lock, release, lockPath, ctx.cwd);
  if (outcome.status === 'added') await writeLock(lockPath, outcome.lock);
  const version = release.artifact.version;
  const title =
    outcome.status === 'added'
      ? `Locked ${release.files.length} migration(s) of ${version} in ${rel(lockPath)}`
      : outcome.status === 'unchanged'
        ? `${version} is already locked with the same checksums in ${rel(lockPath)}`
        : `Refused to lock ${version}: it changes migrations that are already released`;
  return {
    command: 'migrations lock',
    title,
    pass: outcome.status !== 'refused',
    body: {
      command: 'migrations lock',
      pass: outcome.status !== 'refused',
      version,
      status: outcome.status,
      lockFile: rel(lockPath),
      files: release.files.map((f) => f.name),
      findings: outcome.findings,
    },
    findings: outcome.findings,
  };
}

async function runApply(release: MigrationRelease, url: string, rel: (p: string) => string): Promise<Report> {
  const driver = driverFor(release);
  const t0 = performance.now();
  const result = await driver.apply(url);
  const applyMs = Math.round(performance.now() - t0);
  const heads = await driver.heads(url);
  const findings: Finding[] = [];
  const expected = release.artifact.expected_alembic_head;
  if (expected !== null && !(heads.length === 1 && headMatches(heads[0]!, expected)))
    findings.push({
      id: 'migration-head-mismatch',
      level: 'error',
      message: `head after migrating is ${heads.join(', ') || 'empty'} but release.json expects ${expected}`,
      file: rel(`${release.dir}/release.json`),
      pointer: '/expected_alembic_head',
    });
  if (heads.length > 1)
    findings.push({
      id: 'migration-multiple-heads',
      level: 'error',
      message: `the database is at ${heads.length} heads: ${heads.join(', ')}`,
    });
  return {
    command: 'migrations apply',
    title: `Applied ${release.artifact.version} (${release.driver.driver} driver) to ${redactUrl(url)}: head ${heads.join(', ') || 'none'}`,
    pass: findings.length === 0,
    body: {
      command: 'migrations apply',
      pass: findings.length === 0,
      version: release.artifact.version,
      driver: release.driver.driver,
      applied: result.applied.map((f) => f.name),
      heads,
      findings,
    },
    findings,
    timings: { applyMs },
  };
}

async function runStatus(
  release: MigrationRelease,
  url: string,
  rel: (p: string) => string,
): Promise<Report> {
  const status = await migrationStatus(release, url);
  const expected = release.artifact.expected_alembic_head;
  const notes = [
    `heads: ${status.heads.join(', ') || 'none'}${expected === null ? '' : ` (release expects ${expected})`}`,
    ...status.pending.map((n) => `pending: ${n}`),
  ];
  return {
    command: 'migrations status',
    title: `${rel(release.dir)} on ${redactUrl(url)}: ${status.applied.length} applied, ${status.pending.length} pending, head ${status.heads.join(', ') || 'none'}`,
    pass: status.findings.length === 0,
    body: {
      command: 'migrations status',
      pass: status.findings.length === 0,
      version: release.artifact.version,
      driver: release.driver.driver,
      ...status,
      expectedHead: expected,
    },
    findings: status.findings,
    notes,
  };
}
