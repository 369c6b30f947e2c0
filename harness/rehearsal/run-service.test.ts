import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReleaseJson } from '../migrations/index.js';
import { checkService } from './run-service.js';
import { loadServiceConfig, parseServiceConfig } from './load-service-config.js';

// Small real services (node -e) behind the generic service.json contract: no database needed.
const artifact: ReleaseJson = {
  version: 't1',
  class: 'minor',
  code_sha: 'abcdef1',
  expected_alembic_head: '0002',
  supported_api_versions: ['v1'],
  enabled_feature_flags: ['b', 'a'],
  signing_mode: 'required',
  signing_required: true,
};

/** A service that logs its startup event from the env the rehearsal gives it and answers per `routes`. */
const service = (
  routes: Record<string, number>,
  opts: { release?: string; before?: string; listenAfter?: string; exitAfter?: string } = {},
) => `
  const http = require('node:http');
  const env = process.env;
  ${opts.before ?? ''}
  const release = ${
    opts.release ??
    `{
    code_sha: env.VERSION_HASH, expected_alembic_head: env.EXPECTED_ALEMBIC_HEAD ?? null,
    supported_api_versions: env.RELEASE_SUPPORTED_API_VERSIONS.split(','),
    enabled_feature_flags: env.RELEASE_FEATURE_FLAGS.split(',').filter(Boolean).sort(),
    signing_mode: env.SIGNING_MODE, signing_required: env.SIGNING_REQUIRED === 'true' }`
  };
  const routes = ${JSON.stringify(routes)};
  Promise.resolve(${opts.listenAfter ?? 'undefined'}).then(() => http.createServer((q, s) => { s.statusCode = routes[q.url] ?? 404;
    s.end(JSON.stringify({ error: { code: 'x', message: 'db=' + (env.DATABASE_URL ? 'set' : 'unset') } }),
      () => { if (q.url === ${JSON.stringify(opts.exitAfter ?? null)}) process.exit(0); }); })
    .listen(Number(env.PORT), '127.0.0.1', () => console.log(JSON.stringify({ event: 'app.startup', release }))));`;

const run = (script: string, extra: Record<string, unknown> = {}) =>
  checkService({
    releaseDir: process.cwd(),
    artifact,
    databaseUrl: 'postgres://rehearsal@127.0.0.1:1/scratch',
    config: parseServiceConfig(
      // A limit no loaded machine reaches: every case below ends on an event, never on this.
      { command: [process.execPath, '-e', script], timeoutMs: 120_000, ...extra },
      'service.json',
    ),
    env: undefined,
  } as Parameters<typeof checkService>[0]);

describe('checkService', () => {
  // Every case ends on an event (ready, an answer and then the service's exit, its exit), so the
  // verdict never depends on how fast a loaded machine starts node; only "never logs its startup
  // event" is a time limit by nature, and it has one answer however slow the machine is.
  it.each([
    ['healthy, ready, artifact matches', { script: service({ '/health': 200, '/ready': 200 }), want: [] }],
    [
      'not ready',
      {
        script: service({ '/health': 200, '/ready': 503 }, { exitAfter: '/ready' }),
        want: ['service-not-ready'],
      },
    ],
    [
      'not healthy (ready is then not probed)',
      { script: service({ '/ready': 200 }, { exitAfter: '/health' }), want: ['service-not-healthy'] },
    ],
    [
      'exits before its startup event',
      { script: 'console.error(new Error("boom")); process.exit(3)', want: ['service-start-failed'] },
    ],
    [
      'never logs its startup event',
      { script: 'setInterval(() => {}, 1000)', want: ['service-start-failed'], timeoutMs: 1000 },
    ],
    [
      'logs another artifact',
      {
        script: service(
          { '/health': 200, '/ready': 200 },
          { release: `{ code_sha: 'deadbee', signing_mode: 'required' }` },
        ),
        want: ['service-release-mismatch'],
      },
    ],
    [
      'logs no artifact',
      {
        script: service({ '/health': 200, '/ready': 200 }, { release: 'undefined' }),
        want: ['service-release-mismatch'],
      },
    ],
  ] as [string, { script: string; want: string[]; timeoutMs?: number }][])(
    '%s',
    async (_name, { script, want, timeoutMs }) => {
      const r = await run(script, timeoutMs === undefined ? {} : { timeoutMs });
      expect(r.findings.map((f) => f.id)).toEqual(want);
      expect(r.checks.map((c) => c.id)).toEqual([
        'service-started',
        'service-health',
        'service-ready',
        'service-release',
      ]);
    },
  );

  it('names the first error line of a crash and skips the probes', async () => {
    const r = await run('console.error(new Error("boom")); process.exit(3)');
    expect(r.findings[0]?.message).toMatch(/exited \(code 3\).*Error: boom/);
    expect(r.checks.filter((c) => c.skipped).map((c) => c.id)).toEqual([
      'service-health',
      'service-ready',
      'service-release',
    ]);
  });

  it('gives the service DATABASE_URL, PORT and the release env, and not the parent shell', async () => {
    process.env['PROOFGATE_REHEARSAL_LEAK'] = '1';
    try {
      const r = await run(
        service(
          { '/health': 200, '/ready': 200 },
          { before: `if (env.PROOFGATE_REHEARSAL_LEAK || !env.DATABASE_URL) process.exit(9);` },
        ),
      );
      expect(r.findings).toEqual([]);
      expect(r.body).toEqual({ healthStatus: 200, readyStatus: 200, startupEvent: true });
    } finally {
      delete process.env['PROOFGATE_REHEARSAL_LEAK'];
    }
  });

  it.each([
    ['served as expected', { routes: { '/v2/x': 401 }, want: [] }],
    ['not served', { routes: {}, want: ['service-probe-failed'] }],
  ])('probes once ready: %s', async (_name, { routes, want }) => {
    const r = await run(service({ '/health': 200, '/ready': 200, ...routes }), {
      probes: [{ path: '/v2/x', status: 401, why: 'the new endpoint' }],
    });
    expect(r.findings.map((f) => f.id)).toEqual(want);
    expect(r.checks.at(-1)).toMatchObject({ id: 'service-probe /v2/x', pass: want.length === 0 });
  });

  it('a service.json env that overrides the artifact is caught', async () => {
    const r = await run(service({ '/health': 200, '/ready': 200 }), { env: { VERSION_HASH: 'deadbee' } });
    expect(r.findings.map((f) => f.id)).toEqual(['service-release-mismatch']);
    expect(r.findings[0]?.message).toContain('code_sha is "deadbee", release.json says "abcdef1"');
  });

  it('stops the whole process group', async () => {
    // The service starts a grandchild that holds a connection to this test; the service listens
    // only once that connection is up. The connection closing is the grandchild's end: an event,
    // not a pause and a look at /proc.
    const watch = createServer();
    const port = await new Promise<number>((resolve) =>
      watch.listen(0, '127.0.0.1', () => resolve((watch.address() as AddressInfo).port)),
    );
    const connected = new Promise<Socket>((resolve) => watch.once('connection', resolve));
    try {
      const grandchild = `require('node:net').connect(${port}, '127.0.0.1', () => process.stdout.write('up\\n')); setInterval(() => {}, 1000)`;
      const r = await run(
        service(
          { '/health': 200, '/ready': 200 },
          {
            before: `const c = require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(grandchild)}], { stdio: ['ignore', 'pipe', 'ignore'] });
                     const up = new Promise((done) => c.stdout.once('data', done));`,
            listenAfter: 'up',
          },
        ),
      );
      expect(r.findings).toEqual([]);
      const socket = await connected;
      socket.on('error', () => undefined); // a reset is as good an end as a close
      socket.resume();
      // Ended (the kernel closed its socket), whether or not anyone has reaped it yet.
      await new Promise((resolve) => (socket.destroyed ? resolve(undefined) : socket.once('close', resolve)));
    } finally {
      watch.close();
    }
  });
});

describe('parseServiceConfig', () => {
  it.each([
    ['not an object', { given: [], pointer: '' }],
    ['no command', { given: {}, pointer: '/command' }],
    ['command as a string', { given: { command: 'node server.js' }, pointer: '/command' }],
    ['empty argument', { given: { command: ['node', ''] }, pointer: '/command' }],
    ['absolute cwd', { given: { command: ['x'], cwd: '/srv' }, pointer: '/cwd' }],
    ['env not strings', { given: { command: ['x'], env: { A: 1 } }, pointer: '/env/A' }],
    [
      'env sets DATABASE_URL',
      { given: { command: ['x'], env: { DATABASE_URL: 'postgres://prod' } }, pointer: '/env/DATABASE_URL' },
    ],
    ['env sets PORT', { given: { command: ['x'], env: { PORT: '80' } }, pointer: '/env/PORT' }],
    ['relative health path', { given: { command: ['x'], healthPath: 'health' }, pointer: '/healthPath' }],
    ['timeout too small', { given: { command: ['x'], timeoutMs: 10 }, pointer: '/timeoutMs' }],
    ['unknown member', { given: { command: ['x'], checks: [] }, pointer: '/checks' }],
    ['probes not an array', { given: { command: ['x'], probes: {} }, pointer: '/probes' }],
    [
      'probe without a path',
      { given: { command: ['x'], probes: [{ status: 200 }] }, pointer: '/probes/0/path' },
    ],
    [
      'probe status not HTTP',
      { given: { command: ['x'], probes: [{ path: '/x', status: 99 }] }, pointer: '/probes/0/status' },
    ],
  ])('%s → ERR_RELEASE at its pointer', (_name, { given, pointer }) => {
    expect(() => parseServiceConfig(given, 'service.json')).toThrow(
      expect.objectContaining({ code: 'ERR_RELEASE', pointer }),
    );
  });

  it('fills the defaults', () => {
    expect(parseServiceConfig({ command: ['node', 'server.js'] }, 'service.json')).toEqual({
      command: ['node', 'server.js'],
      env: {},
      healthPath: '/health',
      readyPath: '/ready',
      startupEvent: 'app.startup',
      releaseField: 'release',
      timeoutMs: 20000,
      probes: [],
    });
  });
});

describe('loadServiceConfig', () => {
  it.each<[string, string | Buffer, Record<string, unknown>]>([
    [
      'a member named twice (JSON.parse would keep the last)',
      '{"command":["node","server.js"],"command":["true"]}',
      { pointer: '', message: expect.stringMatching(/service\.json names the member "command" twice/) },
    ],
    [
      'an invalid UTF-8 byte (never U+FFFD)',
      Buffer.concat([Buffer.from('{"command":["node","s'), Buffer.from([0xff]), Buffer.from('.js"]}')]),
      { message: expect.stringMatching(/not valid UTF-8: byte 0xff at byte offset 21/) },
    ],
    ['not JSON', '{command', { message: expect.stringMatching(/service\.json is not valid JSON/) }],
  ])('%s → ERR_RELEASE', async (_n, text, want) => {
    const dir = await mkdtemp(join(tmpdir(), 'proofgate-service-json-'));
    try {
      await writeFile(join(dir, 'service.json'), text);
      await expect(loadServiceConfig(dir)).rejects.toMatchObject({ code: 'ERR_RELEASE', ...want });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a missing service.json says how to describe the service', async () => {
    await expect(loadServiceConfig(join(tmpdir(), 'proofgate-no-such-release'))).rejects.toMatchObject({
      code: 'ERR_RELEASE',
      message: expect.stringContaining('cannot read service.json: ENOENT'),
      hint: expect.stringContaining('describe it in service.json'),
    });
  });
});
