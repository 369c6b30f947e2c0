import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { withPostgres } from '../db/testing.js';
import { readLock } from '../migrations/index.js';
import { packagePath } from '../paths.js';
import { canonicalDigest, type Report } from '../report/index.js';
import { captureContext } from '../testing/capture-context.js';
import { connectClient } from '../db/index.js';
import { assertEmptyDatabase } from './assert-empty-database.js';
import { rehearse } from './rehearse.js';
import { STEP_IDS, type StepId } from './types.js';

// One PostgreSQL server for the file; every rehearsal creates (and drops) its own database on it.
const pg = withPostgres();
const releases = (name: string): string => packagePath('fixtures', 'releases', name);
const LOCK = releases('migrations.lock.json');
const RECORDS = 60;

async function run(candidate: string, extra: { targetMajor?: number } = {}): Promise<Report> {
  return rehearse({
    base: releases('r1'),
    candidate: releases(candidate),
    history: { generate: RECORDS },
    lock: await readLock(LOCK, { missingOk: false }),
    lockFile: 'fixtures/releases/migrations.lock.json',
    databaseUrl: pg.url,
    cwd: packagePath(),
    env: {},
    ...extra,
  });
}

async function patchJson(file: string, patch: Record<string, unknown>): Promise<void> {
  const value = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  await writeFile(file, JSON.stringify({ ...value, ...patch }));
}

const steps = (r: Report) => (r.body as { steps: { id: StepId; status: string }[] }).steps;

describe('rehearse: every candidate against r1 (real PostgreSQL, real service process)', () => {
  it('has the compiled service the releases start', () => {
    // npm test builds first (pretest); the service runs as `node dist/fixtures/service/server.js`.
    expect(existsSync(packagePath('dist', 'fixtures', 'service', 'server.js'))).toBe(true);
  });

  it.each([
    [
      'r2 (additive migration, key rotation, new flag)',
      { candidate: 'r2', step: null, finding: 'key-added' },
    ],
    [
      'rewrites stored proofs',
      { candidate: 'bad/rewrites-proofs', step: 'compare', finding: 'content-root-changed' },
    ],
    ['rebinds a kid', { candidate: 'bad/rebinds-kid', step: 'compare', finding: 'key-rebound' }],
    ['deletes an old key', { candidate: 'bad/deletes-key', step: 'compare', finding: 'key-dropped' }],
    [
      'edits an applied migration',
      { candidate: 'bad/edited-migration', step: 'preflight', finding: 'migration-edited' },
    ],
    [
      'orders a migration before a released one',
      { candidate: 'bad/out-of-order', step: 'preflight', finding: 'migration-out-of-order' },
    ],
    ['has two heads', { candidate: 'bad/two-heads', step: 'preflight', finding: 'migration-multiple-heads' }],
    [
      'fails when run twice',
      { candidate: 'bad/not-rerunnable', step: 'preflight', finding: 'migration-not-idempotent' },
    ],
    [
      'drops a column in a minor release',
      { candidate: 'bad/drop-column-minor', step: 'preflight', finding: 'migration-destructive-ddl' },
    ],
    [
      'drops the anchors table (a major release: squawk only warns)',
      { candidate: 'bad/drops-anchors-major', step: 'verify-after', finding: 'history-unreadable' },
    ],
    [
      'service not ready after the upgrade',
      { candidate: 'bad/service-not-ready', step: 'service', finding: 'service-not-ready' },
    ],
  ] as const)('%s', async (_name, want) => {
    const report = await run(want.candidate);
    const s = steps(report);
    expect(s.map((x) => x.id)).toEqual([...STEP_IDS]);
    const ids = report.findings.map((f) => f.id);
    expect(ids).toContain(want.finding);
    if (want.step === null) {
      expect(report.pass, report.title).toBe(true);
      expect(s.every((x) => x.status === 'pass')).toBe(true);
      expect(report.findings.filter((f) => f.level === 'error')).toEqual([]);
      // r2's probes: the new v2 endpoint is served behind its flag, and v1 still is.
      const probes = (report.checks ?? []).filter((c) => c.id.startsWith('service-probe'));
      expect(probes.map((c) => [c.id, c.pass, c.skipped ?? false])).toEqual([
        ['service-probe /v2/proofs/prf_00000000000000000000000000000000', true, false],
        ['service-probe /v1/keys', true, false],
      ]);
      return;
    }
    expect(report.pass).toBe(false);
    const at = STEP_IDS.indexOf(want.step);
    // Steps before the failing one passed, the failing one names the reason, later ones never ran.
    expect(s.map((x) => x.status)).toEqual(
      STEP_IDS.map((_, i) => (i < at ? 'pass' : i === at ? 'fail' : 'skipped')),
    );
    expect(report.findings.find((f) => f.id === want.finding)?.level).toBe('error');
    expect(report.title).toContain(`FAIL at ${want.step} (${want.finding}:`);
  });

  it.each([
    [
      'base reaches another head than its release.json says',
      {
        edit: (d: string) => patchJson(join(d, 'release.json'), { expected_alembic_head: '0100' }),
        finding: 'base-head-mismatch',
      },
    ],
    [
      'base migration fails on an empty database',
      {
        edit: (d: string) =>
          writeFile(
            join(d, 'migrations', '0102_broken.sql'),
            'ALTER TABLE no_such_table ADD COLUMN x int;\n',
          ),
        finding: 'base-apply-failed',
      },
    ],
  ])('FAILs at apply-base: %s', async (_name, { edit, finding }) => {
    const dir = await mkdtemp(join(tmpdir(), 'proofgate-rehearse-base-'));
    try {
      await cp(releases('r1'), dir, { recursive: true });
      await edit(dir);
      const report = await rehearse({
        base: dir,
        candidate: releases('r2'),
        history: { generate: RECORDS },
        databaseUrl: pg.url,
        cwd: packagePath(),
        env: {},
      });
      expect(report.pass).toBe(false);
      expect(report.body['failedStep']).toBe('apply-base');
      expect(report.findings.map((f) => f.id)).toEqual([finding]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('FAILs on a major-version mismatch at provision and runs nothing after it; drops its database', async () => {
    const lines: string[] = [];
    const report = await rehearse({
      base: releases('r1'),
      candidate: releases('r2'),
      history: { generate: RECORDS },
      databaseUrl: pg.url,
      targetMajor: 16,
      cwd: packagePath(),
      env: {},
      log: (l) => lines.push(l),
    });
    // The provider logs the scratch database it created; after the run it is gone.
    const created = /\/(proofgate_[0-9a-f]+)\b/.exec(lines.join('\n'))?.[1];
    expect(created, lines.join('\n')).toBeDefined();
    const c = await connectClient(pg.url);
    try {
      const left = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [created]);
      expect(left.rowCount).toBe(0);
    } finally {
      await c.end();
    }
    expect(report.pass).toBe(false);
    expect(report.findings.map((f) => f.id)).toEqual(['postgres-major-mismatch']);
    expect(steps(report).map((x) => x.status)).toEqual(['fail', ...STEP_IDS.slice(1).map(() => 'skipped')]);
    expect(report.body['database']).toMatchObject({ provider: 'url', major: 15, targetMajor: 16 });
  });
});

describe('proofgate rehearse (CLI)', () => {
  const cli = async (args: string[]) => {
    const ctx = captureContext(packagePath(), {});
    const code = await main(['rehearse', ...args], ctx);
    return { code, out: ctx.stdoutText(), err: ctx.stderrText() };
  };
  const pair = (candidate: string) => [
    '--base',
    'fixtures/releases/r1',
    '--candidate',
    `fixtures/releases/${candidate}`,
    '--lock',
    'fixtures/releases/migrations.lock.json',
    '--generate',
    String(RECORDS),
  ];

  it('exit 0 with a deterministic JSON report (same digest twice), exit 1 for a bad candidate', async () => {
    const a = await cli([...pair('r2'), '--database-url', pg.url, '--format', 'json', '--deterministic']);
    expect(a.code, a.err).toBe(0);
    const ja = JSON.parse(a.out) as Record<string, unknown>;
    expect(ja['verdict']).toBe('PASS');
    expect(ja['timings']).toBeUndefined();
    expect(ja['database']).toMatchObject({ provider: 'url', serverVersion: pg.handle.serverVersion });
    const { digest, ...body } = ja;
    expect(digest).toBe(canonicalDigest(body));
    const b = await cli([...pair('r2'), '--database-url', pg.url, '--format', 'json', '--deterministic']);
    expect(b.out).toBe(a.out);

    const bad = await cli([...pair('bad/deletes-key'), '--database-url', pg.url]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('FAIL at compare');
    expect(bad.out).toContain('key-dropped');
  });

  it('loads a bundle with --history (the gate runs this with fixtures/history/small)', async () => {
    const r = await cli([
      '--base',
      'fixtures/releases/r1',
      '--candidate',
      'fixtures/releases/r2',
      '--lock',
      'fixtures/releases/migrations.lock.json',
      '--history',
      'fixtures/history/small',
      '--database-url',
      pg.url,
      '--format',
      'json',
    ]);
    expect(r.code, r.out).toBe(0);
    const body = JSON.parse(r.out) as Record<string, unknown>;
    expect(body['history']).toMatchObject({
      source: 'bundle',
      bundle: 'fixtures/history/small',
      loaded: { records: 200 },
    });
    expect(Object.keys(body['timings'] as object)).toEqual(
      expect.arrayContaining(['provision', 'verify-baseline', 'service', 'total']),
    );
  });

  it('takes the base as committed in git (git:REF:PATH) and reads defaults from the config', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'proofgate-rehearse-config-'));
    try {
      const config = join(dir, 'proofgate.config.json');
      await writeFile(
        config,
        JSON.stringify({
          rehearsal: { base: 'git:HEAD:fixtures/releases/r1', candidate: releases('r2'), generate: 30 },
          migrations: { lock: LOCK },
        }),
      );
      const r = await cli([
        '--config',
        config,
        '--database-url',
        pg.url,
        '--format',
        'json',
        '--deterministic',
      ]);
      expect(r.code, r.out + r.err).toBe(0);
      const body = JSON.parse(r.out) as Record<string, unknown>;
      expect(body['base']).toMatchObject({ version: 'r1', dir: 'git:HEAD:fixtures/releases/r1' });
      expect(body['history']).toMatchObject({ source: 'generated', records: 30 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [
      'unknown git ref',
      {
        given: ['--base', 'git:no-such-ref-xyz:fixtures/releases/r1', '--candidate', 'fixtures/releases/r2'],
        err: 'ERR_RELEASE',
      },
    ],
    [
      'path missing at the ref',
      {
        given: ['--base', 'git:HEAD:fixtures/releases/nope', '--candidate', 'fixtures/releases/r2'],
        err: 'ERR_RELEASE',
      },
    ],
    [
      'path escaping the repository',
      { given: ['--base', 'git:HEAD:../x', '--candidate', 'fixtures/releases/r2'], err: 'ERR_USAGE' },
    ],
    ['missing --candidate', { given: ['--base', 'fixtures/releases/r1'], err: 'ERR_USAGE' }],
    [
      '--history and --generate',
      { given: [...pair('r2'), '--history', 'fixtures/history/small'], err: 'ERR_USAGE' },
    ],
    [
      '--seed with --history',
      {
        given: [
          '--base',
          'fixtures/releases/r1',
          '--candidate',
          'fixtures/releases/r2',
          '--history',
          'x',
          '--seed',
          's',
        ],
        err: 'ERR_USAGE',
      },
    ],
    [
      '--generate 0',
      {
        given: ['--base', 'fixtures/releases/r1', '--candidate', 'fixtures/releases/r2', '--generate', '0'],
        err: 'ERR_USAGE',
      },
    ],
    ['unknown provider', { given: [...pair('r2'), '--provider', 'docker'], err: 'ERR_USAGE' }],
    [
      'explicit lock file missing',
      {
        given: [
          '--base',
          'fixtures/releases/r1',
          '--candidate',
          'fixtures/releases/r2',
          '--lock',
          'nope.json',
        ],
        err: 'ERR_RELEASE',
      },
    ],
    [
      'candidate without service.json',
      {
        given: [
          '--base',
          'fixtures/releases/r1',
          '--candidate',
          'fixtures/migrations/sql/good',
          '--lock',
          'fixtures/releases/migrations.lock.json',
        ],
        err: 'ERR_RELEASE',
      },
    ],
    [
      'base is not a release',
      { given: ['--base', 'fixtures', '--candidate', 'fixtures/releases/r2'], err: 'ERR_RELEASE' },
    ],
  ])('exit 2: %s', async (_name, { given, err }) => {
    const r = await cli(given);
    expect(r.code).toBe(2);
    expect(r.err).toContain(err);
  });
});

// Real Alembic (Debian alembic + python3-psycopg2, scripts/ci-apt.sh) through the command driver, and a
// team's own minimal service (fixtures/releases/alembic/service.mjs) instead of the reference one.
function alembicReady(): boolean {
  const which = spawnSync('sh', ['-c', 'command -v alembic'], { encoding: 'utf8' });
  if (which.status !== 0) return false;
  const shebang = /^#!\s*(\S+)/.exec(readFileSync(which.stdout.trim(), 'utf8').split('\n', 1)[0] ?? '');
  return (
    spawnSync(shebang?.[1] ?? 'python3', ['-c', 'import alembic, psycopg2'], { stdio: 'ignore' }).status === 0
  );
}
const hasAlembic = alembicReady();
if (!hasAlembic)
  console.warn(
    'SKIPPED rehearse command-driver pairs: `alembic` or python3-psycopg2 is not installed (scripts/ci-apt.sh)',
  );

describe.skipIf(!hasAlembic)('rehearse: Alembic releases (command driver, a team service)', () => {
  it.each([
    ['a2 (additive revision)', { candidate: 'alembic/a2', step: null, finding: null }],
    [
      'deletes a revoked key',
      { candidate: 'alembic/bad-deletes-key', step: 'compare', finding: 'key-dropped' },
    ],
  ] as const)('%s', async (_name, want) => {
    const report = await rehearse({
      base: releases('alembic/a1'),
      candidate: releases(want.candidate),
      history: { generate: RECORDS },
      lock: await readLock(releases('alembic/migrations.lock.json'), { missingOk: false }),
      databaseUrl: pg.url,
      cwd: packagePath(),
      env: {},
    });
    const s = steps(report);
    if (want.step === null) {
      expect(report.pass, report.title).toBe(true);
      expect(s.every((x) => x.status === 'pass')).toBe(true);
      expect(report.body['candidateHeads']).toEqual(['a2000002']);
      expect(report.checks?.find((c) => c.id === 'service-ready')?.name).toBe('GET /readyz is 200');
      return;
    }
    expect(report.pass).toBe(false);
    expect(report.body['failedStep']).toBe(want.step);
    expect(report.findings.find((f) => f.id === want.finding)?.level).toBe('error');
  });
});

describe('assertEmptyDatabase', () => {
  it('accepts an empty database and refuses one holding a table (ERR_DATABASE, exit 2)', async () => {
    await expect(assertEmptyDatabase(pg.url)).resolves.toBeUndefined();
    const c = await connectClient(pg.url);
    try {
      await c.query('CREATE TABLE someone_elses_data (id int)');
    } finally {
      await c.end();
    }
    await expect(assertEmptyDatabase(pg.url)).rejects.toMatchObject({
      code: 'ERR_DATABASE',
      message: expect.stringContaining('table public.someone_elses_data'),
    });
  });
});
