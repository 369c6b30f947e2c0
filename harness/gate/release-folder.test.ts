import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { packagePath } from '../paths.js';
import type { Report } from '../report/types.js';
import { captureContext } from '../testing/capture-context.js';
import { tmpfs, unmountAll } from '../testing/tmpfs.js';
import { processIdentity } from '../db/scratch-owner.js';
import { lockFileOf } from './folder-lock.js';
import { openReleaseFolder } from './release-folder.js';
import { runProdGate, verifyReleaseFolder, type StageSpec } from './index.js';

const ok: Report = { command: 'x', title: 'ok', pass: true, body: { verdict: 'PASS' }, findings: [] };
const made: string[] = [];
function tmp(prefix = 'pg-gate-folder-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
}
afterAll(() => {
  unmountAll();
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** A stage that records that it ran; the tests assert a refused folder runs no stage at all. */
function table(ran: string[], run: () => Promise<Report> = async () => ok): StageSpec[] {
  return [
    {
      id: 'alpha',
      title: 'alpha',
      load: async () => ({ id: 'alpha', title: 'alpha', run: () => (ran.push('alpha'), run()) }),
    },
  ];
}
function gate(
  cwd: string,
  outDir: string,
  ran: string[],
  extra: { env?: NodeJS.ProcessEnv; run?: () => Promise<Report>; changelog?: string | false } = {},
) {
  return runProdGate({
    cli: captureContext(cwd, extra.env ?? {}),
    config: { config: {}, file: undefined, dir: cwd },
    date: '2026-11-21',
    outDir,
    changelog: extra.changelog ?? false,
    stages: table(ran, extra.run),
  });
}

/** A CLI run of the real gate (release-check on a good env file), in-process. */
function cliDir(): string {
  const cwd = tmp();
  mkdirSync(join(cwd, 'contracts', 'v1'), { recursive: true });
  writeFileSync(join(cwd, 'contracts', 'v1', 'openapi.yaml'), 'openapi: 3.1.0\n');
  writeFileSync(
    join(cwd, 'proofgate.config.json'),
    JSON.stringify({ release: { envFile: packagePath('fixtures', 'env', 'prod-good.env') } }),
  );
  return cwd;
}
async function cli(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const ctx = captureContext(cwd, env);
  const code = await main(
    ['prod-gate', '--only', 'release-check', '--no-changelog', '--date', '2026-11-21', ...args],
    ctx,
  );
  return { code, out: ctx.stdoutText(), err: ctx.stderrText() };
}

describe('--out-dir is checked before any stage runs', () => {
  it('refuses a foreign folder holding a copied release manifest, deleting nothing', async () => {
    const cwd = tmp();
    const out = join(cwd, 'project');
    mkdirSync(join(out, 'src'), { recursive: true });
    mkdirSync(join(out, '.git'));
    writeFileSync(join(out, 'src', 'index.ts'), 'export {}\n');
    writeFileSync(join(out, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(
      join(out, 'manifest.json'),
      JSON.stringify({
        format: 'proofgate-release/1',
        verdict: 'PASS',
        digest: 'd',
        files: [{ path: 'report.json', sha256: '0'.repeat(64) }],
      }),
    );
    const ran: string[] = [];
    await expect(gate(cwd, out, ran)).rejects.toMatchObject({
      code: 'ERR_USAGE',
      message: expect.stringContaining('holds files proofgate did not write: .git/HEAD, src/index.ts'),
    });
    expect(ran).toEqual([]);
    expect(readdirSync(out).sort()).toEqual(['.git', 'manifest.json', 'src']);
    expect(existsSync(join(out, 'src', 'index.ts'))).toBe(true);
  });

  it('keeps a file placed inside its own release folder (refused, not wiped)', async () => {
    const cwd = tmp();
    const out = join(cwd, 'release');
    const ran: string[] = [];
    await gate(cwd, out, ran);
    writeFileSync(join(out, 'CHANGELOG.md'), '# mine\n');
    await expect(gate(cwd, out, ran)).rejects.toMatchObject({
      code: 'ERR_USAGE',
      message: expect.stringContaining('did not write: CHANGELOG.md'),
    });
    expect(ran).toEqual(['alpha']);
    expect(readFileSync(join(out, 'CHANGELOG.md'), 'utf8')).toBe('# mine\n');
    expect(await verifyReleaseFolder(out)).toEqual([]);
  });

  it('refuses a changelog configured inside the release folder', async () => {
    const cwd = tmp();
    const ran: string[] = [];
    await expect(
      gate(cwd, join(cwd, 'release'), ran, { changelog: join(cwd, 'release', 'CHANGELOG.md') }),
    ).rejects.toMatchObject({
      code: 'ERR_USAGE',
      message: expect.stringContaining('is inside the release folder'),
    });
    expect(ran).toEqual([]);
  });

  it.each([
    ['named ..CHANGELOG.md inside it', (out: string) => join(out, '..CHANGELOG.md')],
    ['reached through a symlink to it', (out: string) => join(out, '..', 'link', 'CHANGELOG.md')],
  ])('refuses a changelog %s', async (_n, changelog) => {
    const cwd = tmp();
    const out = join(cwd, 'release');
    mkdirSync(out);
    symlinkSync(out, join(cwd, 'link'));
    const ran: string[] = [];
    await expect(gate(cwd, out, ran, { changelog: changelog(out) })).rejects.toMatchObject({
      code: 'ERR_USAGE',
      message: expect.stringContaining('is inside the release folder'),
    });
    expect(ran).toEqual([]);
  });

  it('takes a changelog beside the release folder, written as release/../CHANGELOG.md (control)', async () => {
    const cwd = tmp();
    const out = join(cwd, 'release');
    const ran: string[] = [];
    await gate(cwd, out, ran, { changelog: join(out, '..', 'CHANGELOG.md') });
    expect(ran).toEqual(['alpha']);
    expect(existsSync(join(cwd, 'CHANGELOG.md'))).toBe(true);
  });

  it('never deletes outside the folder on a manifest naming ../ paths', async () => {
    const cwd = tmp();
    const out = join(cwd, 'release');
    mkdirSync(out);
    writeFileSync(join(cwd, 'victim.txt'), 'keep\n');
    writeFileSync(
      join(out, 'manifest.json'),
      JSON.stringify({
        format: 'proofgate-release/1',
        verdict: 'PASS',
        digest: 'd',
        files: [{ path: '../victim.txt', sha256: '0'.repeat(64) }],
      }),
    );
    await expect(gate(cwd, out, [])).rejects.toMatchObject({
      code: 'ERR_USAGE',
      message: expect.stringContaining('lists a path outside the folder ("../victim.txt")'),
    });
    expect(readFileSync(join(cwd, 'victim.txt'), 'utf8')).toBe('keep\n');
  });

  it.each<[string, (manifest: string) => string, string[]]>([
    [
      'a manifest listing no file vouches for nothing',
      (m) => JSON.stringify({ ...(JSON.parse(m) as object), files: [] }),
      ['report.json'],
    ],
    [
      'a manifest without report.json',
      (m) => {
        const j = JSON.parse(m) as { files: { path: string }[] };
        return JSON.stringify({ ...j, files: j.files.filter((f) => f.path !== 'report.json') });
      },
      ['report.json'],
    ],
    [
      'files that are not a list',
      (m) => JSON.stringify({ ...(JSON.parse(m) as object), files: {} }),
      ['manifest.json'],
    ],
    [
      'a member named twice (FAIL first, PASS last)',
      (m) => `{"verdict":"FAIL",${m.slice(1)}`,
      ['manifest.json'],
    ],
    [
      'a path outside the folder',
      (m) => {
        const j = JSON.parse(m) as { files: { path: string }[] };
        return JSON.stringify({ ...j, files: [...j.files, { path: '../x', sha256: '0'.repeat(64) }] });
      },
      ['manifest.json'],
    ],
  ])('verifyReleaseFolder: %s is not a verified release', async (_n, edit, want) => {
    const cwd = tmp();
    const out = join(cwd, 'release');
    await gate(cwd, out, []);
    const file = join(out, 'manifest.json');
    writeFileSync(file, edit(readFileSync(file, 'utf8')));
    expect(await verifyReleaseFolder(out)).toEqual(want);
  });

  it('uses an empty folder that already exists', async () => {
    const cwd = tmp();
    mkdirSync(join(cwd, 'release'));
    await gate(cwd, join(cwd, 'release'), []);
    expect(await verifyReleaseFolder(join(cwd, 'release'))).toEqual([]);
  });

  it('replaces its own previous release, deleting only the files it listed', async () => {
    const cwd = tmp();
    const out = join(cwd, 'release');
    const ran: string[] = [];
    const first = await gate(cwd, out, ran);
    const second = await gate(cwd, out, ran);
    expect(second.folder.digest).toBe(first.folder.digest);
    expect(await verifyReleaseFolder(out)).toEqual([]);
    expect(readdirSync(cwd).filter((n) => n.startsWith('.'))).toEqual([]); // no lock, no temp left
  });
});

describe('one gate run per release folder, and no stale PASS', () => {
  it('a running gate has removed the previous PASS; a second run on the folder exits on the lock', async () => {
    const cwd = tmp();
    const out = join(cwd, 'release');
    await gate(cwd, out, []);
    expect(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'))).toMatchObject({ verdict: 'PASS' });
    let started!: () => void;
    let finish!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const blocked = new Promise<void>((r) => (finish = r));
    const first = gate(cwd, out, [], {
      run: async () => {
        started();
        await blocked;
        return ok;
      },
    });
    await running;
    // Mid-run (as when killed here): nothing reads as PASS.
    expect(existsSync(join(out, 'report.json'))).toBe(false);
    expect(await verifyReleaseFolder(out)).toEqual(['manifest.json']);
    const ran: string[] = [];
    await expect(gate(cwd, out, ran)).rejects.toMatchObject({
      code: 'ERR_OUTPUT',
      message: expect.stringContaining('another gate run holds the lock'),
    });
    expect(ran).toEqual([]);
    finish();
    await first;
    expect(await verifyReleaseFolder(out)).toEqual([]);
  });

  it("closing twice is harmless: the second close frees nothing, not even a newer run's lock", async () => {
    const cwd = tmp();
    const out = join(cwd, 'release');
    const first = await openReleaseFolder(out);
    await first.close();
    expect(existsSync(lockFileOf(out))).toBe(false);
    const second = await openReleaseFolder(out);
    await first.close(); // a late second close of the first run
    expect(existsSync(lockFileOf(out))).toBe(true);
    await expect(openReleaseFolder(out)).rejects.toMatchObject({ code: 'ERR_OUTPUT' });
    await second.close();
    expect(existsSync(lockFileOf(out))).toBe(false);
  });

  it.each([
    ['a live process', () => processIdentity(1), false],
    [
      'a reused pid (its start time differs)',
      () => ({ ...processIdentity(1), start: 'not-its-start' }),
      true,
    ],
    ['a process on another host', () => ({ ...processIdentity(1), host: 'elsewhere' }), false],
  ])('a lock held by %s: taken over = %s', async (_n, who, takenOver) => {
    const cwd = tmp();
    const out = join(cwd, 'release');
    writeFileSync(
      lockFileOf(out),
      JSON.stringify({ format: 'proofgate-lock/1', ...who(), started: 'x', nonce: 'n' }),
    );
    const ran: string[] = [];
    const run = gate(cwd, out, ran);
    if (takenOver) await run;
    else await expect(run).rejects.toMatchObject({ code: 'ERR_OUTPUT' });
    expect(ran).toEqual(takenOver ? ['alpha'] : []);
  });

  it('the CLI exits 2 naming the lock', async () => {
    const cwd = cliDir();
    writeFileSync(
      lockFileOf(join(cwd, 'proofgate-release')),
      JSON.stringify({
        format: 'proofgate-lock/1',
        pid: process.pid,
        host: 'elsewhere',
        started: 'x',
        nonce: 'n',
      }),
    );
    const r = await cli(cwd, []);
    expect(r.code).toBe(2);
    expect(r.err).toContain('another gate run holds the lock');
    expect(r.out).toBe('');
  });

  it('a gate killed with SIGKILL mid-run leaves no PASS; the next run takes over its lock and temp folder', async () => {
    const cwd = tmp();
    const out = join(cwd, 'release');
    await gate(cwd, out, []);
    // A real process running the built gate with a stage that never ends; killed once it started.
    const script = join(cwd, 'hang.mjs');
    writeFileSync(
      script,
      `import { runProdGate } from ${JSON.stringify(packagePath('dist', 'harness', 'gate', 'index.js'))};
const cli = { stdout: process.stdout, stderr: process.stderr, cwd: ${JSON.stringify(cwd)}, env: {}, config: async () => ({ config: {}, dir: ${JSON.stringify(cwd)} }) };
await runProdGate({ cli, config: { config: {}, file: undefined, dir: ${JSON.stringify(cwd)} }, date: '2026-11-21', outDir: ${JSON.stringify(out)}, changelog: false,
  stages: [{ id: 'hang', title: 'hang', load: async () => ({ id: 'hang', title: 'hang', run: () => { process.stderr.write('STAGE STARTED\\n'); return new Promise(() => setInterval(() => {}, 1e6)); } }) }] });
`,
    );
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'ignore', 'pipe'] });
    const exited = new Promise((r) => child.once('exit', r));
    await new Promise<void>((resolve, reject) => {
      let err = '';
      child.stderr!.on('data', (d: Buffer) => {
        err += d.toString();
        if (err.includes('STAGE STARTED')) resolve();
      });
      child.once('exit', () => reject(new Error(`child exited before its stage started: ${err}`)));
    });
    child.kill('SIGKILL');
    await exited;
    expect(existsSync(join(out, 'report.json'))).toBe(false);
    expect(existsSync(lockFileOf(out))).toBe(true);
    expect(readdirSync(cwd).some((n) => n.includes('.proofgate-tmp-'))).toBe(true);
    const ran: string[] = [];
    await gate(cwd, out, ran);
    expect(ran).toEqual(['alpha']);
    expect(await verifyReleaseFolder(out)).toEqual([]);
    expect(readdirSync(cwd).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});

describe('unwritable outputs: exit 2 with what to do, never PASS', () => {
  it('a disk that fills up while the release is written', async () => {
    const mnt = tmpfs('size=64k');
    if (mnt === undefined) return;
    const cwd = cliDir();
    // Leave one 4 KiB page: the folder opens, the first report fits, the rest does not.
    try {
      writeFileSync(join(mnt, 'filler'), Buffer.alloc(60 * 1024));
    } catch {
      // full already
    }
    const r = await cli(cwd, ['--out-dir', join(mnt, 'release')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('ERR_OUTPUT');
    expect(r.err).toContain('no space left on the device');
    expect(r.err).not.toContain('internal error');
    expect(r.out).toBe('');
    expect(readdirSync(mnt)).toEqual(['filler']); // no half-written folder, no temp, no lock
  });

  it('a read-only --out-dir is refused before any stage runs', async () => {
    const mnt = tmpfs('size=64k,ro');
    if (mnt === undefined) return;
    const r = await cli(cliDir(), ['--out-dir', join(mnt, 'release')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('the file system is read-only');
    expect(r.err).not.toContain('prod-gate [1/');
  });

  it.each([
    ['a folder', (d: string) => (mkdirSync(join(d, 'summary')), join(d, 'summary'))],
    ['in a missing folder', (d: string) => join(d, 'missing', 'summary.md')],
  ])('$GITHUB_STEP_SUMMARY naming %s is refused before any stage runs', async (_n, path) => {
    const cwd = cliDir();
    const r = await cli(cwd, [], { GITHUB_STEP_SUMMARY: path(cwd) });
    expect(r.code).toBe(2);
    expect(r.err).toContain('cannot write $GITHUB_STEP_SUMMARY');
    expect(r.err).toContain('hint: GITHUB_STEP_SUMMARY must name a writable file');
    expect(r.err).not.toContain('prod-gate [1/');
    expect(existsSync(join(cwd, 'proofgate-release'))).toBe(false);
  });
});
