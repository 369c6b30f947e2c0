import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { connectClient } from '../db/connect.js';
import { provideFromUrl } from '../db/provide-url.js';
import { SCRATCH_FORMAT } from '../db/scratch-owner.js';
import { withPostgres } from '../db/testing.js';
import { packagePath } from '../paths.js';

// `proofgate rehearse --database-url` as a real process, interrupted at a known point (a stderr
// line, a file the service writes): it must leave no database and no service behind.
const pg = withPostgres();
const releases = (name: string): string => packagePath('fixtures', 'releases', name);
const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

function start(candidate: string, cwd = packagePath()) {
  const child = spawn(
    process.execPath,
    [
      packagePath('bin', 'proofgate.js'),
      'rehearse',
      ...['--base', releases('r1'), '--candidate', candidate, '--lock', releases('migrations.lock.json')],
      ...['--generate', '40', '--workers', '1', '--provider', 'url', '--database-url', pg.url],
    ],
    { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { PATH: process.env.PATH ?? '' } },
  );
  let err = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.once('exit', (code, signal) => r({ code, signal })),
  );
  child.stderr!.on('data', (d: Buffer) => void (err += d.toString()));
  /** Resolves with the stderr so far once it matches; rejects if the process ends first. */
  const line = (re: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        if (re.test(err)) resolve(err);
      };
      child.stderr!.on('data', check);
      check();
      void exited.then(() => reject(new Error(`rehearse ended before ${re}: ${err}`)));
    });
  return { child, exited, line, stderr: () => err };
}

async function databases(like = 'proofgate\\_%'): Promise<Map<string, string | null>> {
  const c = await connectClient(pg.url);
  try {
    const { rows } = await c.query<{ datname: string; comment: string | null }>(
      `SELECT datname, shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname LIKE $1`,
      [like],
    );
    return new Map(rows.map((r) => [r.datname, r.comment]));
  } finally {
    await c.end();
  }
}

/** The scratch database a run created, from its "postgres: url …/proofgate_<hex>" line. */
async function scratchOf(run: ReturnType<typeof start>): Promise<string> {
  const err = await run.line(/rehearse: apply-base/);
  return /\/(proofgate_[0-9a-f]{12})/.exec(err)![1]!;
}

/**
 * The pid of the process that does the work and owns the scratch database (its marker says so):
 * bin/proofgate.js re-executes `rehearse` with tuned V8 flags, so that is the launcher's child.
 */
async function ownerPid(db: string): Promise<number> {
  const owner = JSON.parse((await databases()).get(db)!) as { pid: number };
  return owner.pid;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('rehearse --database-url leaves nothing behind when it is killed', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s: the scratch database is dropped, exit %i with a message',
    async (signal, code) => {
      const run = start(releases('r2'));
      const db = await scratchOf(run);
      expect((await databases()).has(db)).toBe(true);
      run.child.kill(signal);
      expect(await run.exited).toEqual({ code, signal: null });
      expect(run.stderr()).toContain(`interrupted by ${signal}`);
      expect((await databases()).has(db)).toBe(false);
    },
    120_000,
  );

  it('SIGKILL: the database carries its owner, and the next run drops it (and only proven orphans)', async () => {
    const run = start(releases('r2'));
    const db = await scratchOf(run);
    const pid = await ownerPid(db);
    process.kill(pid, 'SIGKILL');
    // The launcher outlives its child only to say so: no verdict, 128 + 9.
    expect(await run.exited).toEqual({ code: 137, signal: null });
    expect(run.stderr()).toContain('killed by SIGKILL: no verdict (exit 137)');
    const left = await databases();
    expect(JSON.parse(left.get(db)!)).toMatchObject({
      format: SCRATCH_FORMAT,
      pid,
      host: hostname(),
    });
    // Look-alikes that are not provably a dead proofgate run's: no marker, a live owner, another host.
    const c = await connectClient(pg.url);
    const decoys = {
      proofgate_00000000000a: null,
      proofgate_00000000000b: { format: SCRATCH_FORMAT, pid: process.pid, host: hostname() },
      proofgate_00000000000c: { format: SCRATCH_FORMAT, pid, host: 'another-host' },
      proofgate_notours: { format: SCRATCH_FORMAT, pid, host: hostname() },
    };
    try {
      for (const [name, owner] of Object.entries(decoys)) {
        await c.query(`CREATE DATABASE ${name}`);
        if (owner !== null)
          await c.query(`COMMENT ON DATABASE ${name} IS ${c.escapeLiteral(JSON.stringify(owner))}`);
      }
      const lines: string[] = [];
      const next = await provideFromUrl(pg.url, (l) => void lines.push(l));
      await next.close();
      expect(lines.join('\n')).toContain(`dropped 1 scratch database(s) of killed proofgate runs: ${db}`);
      const after = await databases();
      expect(after.has(db)).toBe(false);
      for (const name of Object.keys(decoys)) expect(after.has(name)).toBe(true);
    } finally {
      for (const name of Object.keys(decoys)) await c.query(`DROP DATABASE IF EXISTS ${name}`);
      await c.end();
    }
  }, 120_000);

  it('SIGKILL during the service step: the candidate service dies with proofgate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pg-rehearse-kill-'));
    made.push(dir);
    const candidate = join(dir, 'r2');
    cpSync(releases('r2'), candidate, { recursive: true });
    const pidFile = join(dir, 'service.pid');
    // Listens and never logs its startup event: the rehearsal sits in the service step.
    const script = `require('node:fs').writeFileSync(process.env.PID_FILE, String(process.pid));
      require('node:http').createServer((q, s) => s.end()).listen(Number(process.env.PORT), '127.0.0.1');`;
    const service = JSON.parse(readFileSync(join(candidate, 'service.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    writeFileSync(
      join(candidate, 'service.json'),
      JSON.stringify({
        ...service,
        command: [process.execPath, '-e', script],
        cwd: '.',
        env: { ...(service.env as object), PID_FILE: pidFile },
        timeoutMs: 120000,
      }),
    );
    const run = start(candidate);
    const db = await scratchOf(run);
    await run.line(/rehearse: service/);
    await vi.waitFor(() => expect(existsSync(pidFile) && readFileSync(pidFile, 'utf8') !== '').toBe(true), {
      timeout: 30_000,
    });
    const servicePid = Number(readFileSync(pidFile, 'utf8'));
    expect(alive(servicePid)).toBe(true);
    process.kill(await ownerPid(db), 'SIGKILL');
    await run.exited;
    await vi.waitFor(() => expect(alive(servicePid)).toBe(false), { timeout: 20_000 });
    await (await provideFromUrl(pg.url)).close(); // sweeps the killed run's database
    expect((await databases()).has(db)).toBe(false);
  }, 120_000);

  it('SIGKILL of the launcher: its re-executed child stops, drops the database and says why', async () => {
    const run = start(releases('r2'));
    const db = await scratchOf(run);
    const pid = await ownerPid(db);
    expect(pid).not.toBe(run.child.pid);
    // The pipe both write to ends once the child, the last writer, has exited.
    const ended = new Promise<void>((resolve) => run.child.stderr!.once('end', resolve));
    run.child.kill('SIGKILL');
    await run.exited;
    await ended;
    expect(run.stderr()).toContain(
      'proofgate rehearse: the launcher process died: stopped, no verdict (exit 2)',
    );
    await vi.waitFor(() => expect(alive(pid)).toBe(false), { timeout: 30_000 });
    expect((await databases()).has(db)).toBe(false);
  }, 120_000);
});
