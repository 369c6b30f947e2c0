import { relative, resolve } from 'node:path';
import type { Command } from '../cli/context.js';
import { emitReport } from '../cli/emit.js';
import {
  parseCommandArgs,
  parseFormat,
  parsePositiveInt,
  REPORT_OPTIONS,
  REPORT_OPTIONS_HELP,
  requireFlag,
} from '../cli/options.js';
import { DEFAULT_TARGET_MAJOR } from '../db/index.js';
import { UsageError } from '../errors/index.js';
import { DEFAULT_LOCK_FILE, migrationsSection, readLock } from '../migrations/index.js';
import { ledgerOf } from '../config/ledger-section.js';
import { ed25519EngineInfo, noteEd25519Engine } from '../ed25519/index.js';
import { DEFAULT_HISTORY_SEED, rehearsalSection, rehearse, type HistorySpec } from '../rehearsal/index.js';
import { assertOutputsAreNotInputs } from '../cli/out-guard.js';
import { MAX_WORKERS } from '../verify/worker-pool.js';

const DEFAULT_RECORDS = 1000;
const PROVIDERS = ['auto', 'url', 'testcontainers', 'embedded'] as const;

const HELP = `Usage: proofgate rehearse --base DIR --candidate DIR [--database-url URL]
                         [--history BUNDLE | --generate N | --restore DUMP]
                         [--lock FILE] [report options]

The upgrade rehearsal (docs/rehearsal.md). In a scratch database it creates and drops:
  provision        PostgreSQL of the production major (URL → Testcontainers → embedded), empty
  apply-base       the base release's migrations (SQL or command driver)
  load-history     a bundle (--history) or N seeded signed records (--generate)
  verify-baseline  every record, the chain, anchors and key bindings verify
  preflight        the candidate's migrations: lock file, order, one head, squawk, apply, head,
                   apply again (the catalog schema digest must not change)
  verify-after     verify the same history again
  compare          no outcome, content root at an old tree size, key binding or anchor changed
  service          start the candidate's service (service.json): startup event with the release
                   artifact of release.json, /health and /ready answer 200
The first failing step names the reason; the steps after it are listed as skipped.

Options:
  --base RELEASE      the release in production: a folder (release.json, migrations, service.json)
                      or git:REF:PATH, the folder as committed at REF (e.g. git:v1.4.0:release)
  --candidate RELEASE the release to upgrade to (same forms)
  --database-url URL  a server where proofgate creates its own database and drops it afterwards
                      (default: PROOFGATE_DATABASE_URL, config database.url, else Testcontainers
                      or an embedded PostgreSQL ${DEFAULT_TARGET_MAJOR})
  --provider NAME     auto (default) | url | testcontainers | embedded
  --history BUNDLE    the history to load: a proof bundle folder (e.g. an export of production)
  --generate N        instead: N seeded signed records (default ${DEFAULT_RECORDS})
  --seed S            seed of --generate (default ${DEFAULT_HISTORY_SEED})
  --restore DUMP      with ledger.source: a pg_dump of a staging copy at the base release; the data
                      of the mapped tables is restored into the tables the base release created
                      (pg_restore/psql of the server's major: Debian's, or PROOFGATE_PG_BIN)
  --restore-format F  custom (pg_dump -Fc, default) | plain (a data-only SQL dump, run by psql)
Config (proofgate.config): rehearsal.base, rehearsal.candidate, rehearsal.history, rehearsal.generate,
rehearsal.load (the team's own history loader, argv run with DATABASE_URL), rehearsal.restore
({ dump, format }: a staging pg_dump); paths relative to the
config file; flags win. With ledger.source the history is loaded into the team's own tables (which
the base release must create) and verified from them (docs/foreign-ledger.md).
  --lock FILE         migrations lock file (config migrations.lock; default ${DEFAULT_LOCK_FILE})
  --workers N         verification threads (default: one per core)

${REPORT_OPTIONS_HELP}

Exit codes: 0 PASS · 1 FAIL (a step failed: a finding names it) · 2 usage, unreadable release,
database, provider or tool error (also: the scratch database was not empty).
Example:
  npx proofgate rehearse --base fixtures/releases/r1 --candidate fixtures/releases/r2 \\
    --lock fixtures/releases/migrations.lock.json --generate 1000`;

export const command: Command = {
  name: 'rehearse',
  summary:
    'rehearse a database upgrade: base → history → candidate migrations → re-verify, compare, start the service',
  help: HELP,
  async run(argv, ctx) {
    const { values } = parseCommandArgs('rehearse', {
      args: argv,
      options: {
        ...REPORT_OPTIONS,
        base: { type: 'string' },
        candidate: { type: 'string' },
        'database-url': { type: 'string' },
        provider: { type: 'string' },
        history: { type: 'string' },
        generate: { type: 'string' },
        seed: { type: 'string' },
        restore: { type: 'string' },
        'restore-format': { type: 'string' },
        lock: { type: 'string' },
        workers: { type: 'string' },
      },
    });
    if (values.help) {
      ctx.stdout.write(`${HELP}\n`);
      return 0;
    }
    const format = parseFormat(values.format);
    const loaded = await ctx.config(values.config);
    const section = rehearsalSection(loaded.config);
    // Flags are relative to the working folder, config entries to the config file's folder.
    const fromConfig = (p: string | undefined): string | undefined =>
      p === undefined ? undefined : p.startsWith('git:') ? p : resolve(loaded.dir, p);
    const base = requireFlag(
      '--base',
      values.base ?? fromConfig(section.base),
      'the release in production: a folder or git:REF:PATH (config rehearsal.base)',
    );
    const candidate = requireFlag(
      '--candidate',
      values.candidate ?? fromConfig(section.candidate),
      'the release to upgrade to: a folder or git:REF:PATH (config rehearsal.candidate)',
    );
    const given = (['history', 'generate', 'restore'] as const).filter((k) => values[k] !== undefined);
    if (given.length > 1)
      throw new UsageError(
        `give one of --history BUNDLE, --generate N or --restore DUMP, not ${given.map((k) => `--${k}`).join(' and ')}`,
      );
    if (values.seed !== undefined && (values.history !== undefined || values.restore !== undefined))
      throw new UsageError('--seed applies to --generate only');
    if (
      values['restore-format'] !== undefined &&
      values.restore === undefined &&
      section.restore === undefined
    )
      throw new UsageError('--restore-format applies to --restore DUMP only');
    const restoreFormat = values['restore-format'] ?? section.restore?.format ?? 'custom';
    if (restoreFormat !== 'custom' && restoreFormat !== 'plain')
      throw new UsageError(`--restore-format must be custom or plain, not ${JSON.stringify(restoreFormat)}`);
    // Flags replace the config's history source whole (a --history flag drops rehearsal.restore).
    const restore =
      values.restore !== undefined
        ? resolve(ctx.cwd, values.restore)
        : given.length === 0
          ? fromConfig(section.restore?.dump)
          : undefined;
    const bundle =
      values.history !== undefined
        ? resolve(ctx.cwd, values.history)
        : given.length === 0
          ? fromConfig(section.history)
          : undefined;
    const history: HistorySpec =
      restore !== undefined
        ? { restore, format: restoreFormat }
        : bundle !== undefined
          ? { bundle }
          : {
              generate:
                parsePositiveInt('--generate', values.generate) ?? section.generate ?? DEFAULT_RECORDS,
              ...(values.seed === undefined ? {} : { seed: values.seed }),
            };
    const workers = parsePositiveInt('--workers', values.workers, MAX_WORKERS);
    const db = loaded.config.database ?? {};
    const provider = values.provider ?? db.provider ?? 'auto';
    if (!(PROVIDERS as readonly string[]).includes(provider))
      throw new UsageError(
        `--provider must be one of ${PROVIDERS.join(', ')}, not ${JSON.stringify(provider)}`,
      );
    const migrations = migrationsSection(loaded.config);
    const lockPath =
      values.lock !== undefined
        ? resolve(ctx.cwd, values.lock)
        : resolve(loaded.dir, migrations.lock ?? DEFAULT_LOCK_FILE);
    // An explicit lock must exist; the default one may be absent (the base's files still count as released).
    const lock = await readLock(lockPath, {
      missingOk: values.lock === undefined && migrations.lock === undefined,
    });
    const databaseUrl = values['database-url'] ?? (ctx.env.PROOFGATE_DATABASE_URL || db.url);
    // A team's own ledger (config ledger.source): loaded into and verified from its own tables.
    const ledger = ledgerOf(loaded.config);
    if (section.load !== undefined && ledger.mapping === undefined)
      throw new UsageError('config rehearsal.load needs ledger.source (the tables the team’s loader writes)');
    if (restore !== undefined && ledger.mapping === undefined)
      throw new UsageError(
        'a pg_dump restore (--restore, rehearsal.restore) needs ledger.source: the tables it restores',
        {
          hint: 'see docs/foreign-ledger.md',
        },
      );

    assertOutputsAreNotInputs(
      ctx.cwd,
      [{ flag: '--out', path: values.out }],
      [base, candidate, bundle, restore, lockPath, loaded.file].map((p) =>
        p?.startsWith('git:') ? undefined : p,
      ),
    );
    noteEd25519Engine((line) => ctx.stderr.write(line));
    const report = await rehearse({
      base,
      candidate,
      history,
      lock,
      lockFile: relative(ctx.cwd, lockPath) || lockPath,
      databaseUrl,
      provider: provider as (typeof PROVIDERS)[number],
      targetMajor: db.targetMajor ?? DEFAULT_TARGET_MAJOR,
      workers,
      cwd: ctx.cwd,
      env: ctx.env,
      log: (line) => ctx.stderr.write(`proofgate: ${line}\n`),
      ...(ledger.mapping
        ? {
            ledger: {
              mapping: ledger.mapping,
              // A restore given on the command line replaces the config's loader.
              ...(section.load && restore === undefined
                ? { load: { command: section.load, cwd: loaded.dir } }
                : {}),
            },
          }
        : {}),
      ...(ledger.profile ? { profile: ledger.profile } : {}),
    });
    report.engine = ed25519EngineInfo();
    return emitReport(report, { format, out: values.out, deterministic: values.deterministic }, ctx);
  },
};
