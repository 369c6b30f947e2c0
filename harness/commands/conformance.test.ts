import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { createMiniApp, MINI_SCOPES } from '../conformance/__fixtures__/mini-app.js';
import { MINI_SPEC_FILE } from '../conformance/__fixtures__/mini.js';
import { CHECKS, RAIL_IDS } from '../conformance/check-ids.js';
import { captureContext } from '../testing/capture-context.js';
import { tempDirs } from '../testing/temp-dirs.js';

const tempDir = tempDirs();

const MODULE = 'harness/conformance/__fixtures__/mini-subject.ts';
const run = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const ctx = captureContext(process.cwd(), env);
  const code = await main(['conformance', '--spec', MINI_SPEC_FILE, '--runs', '3', ...args], ctx);
  return { code, out: ctx.stdoutText(), err: ctx.stderrText() };
};

describe('proofgate conformance (CLI, real HTTP)', () => {
  let server: Server;
  let baseUrl: string;
  let token: string;
  beforeAll(async () => {
    const mini = createMiniApp();
    token = mini.mintToken('acme', MINI_SCOPES);
    server = createServer(mini.app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
  });

  it.each([
    [
      '--app and --base-url together',
      { given: ['--app', MODULE, '--base-url', 'http://127.0.0.1:1'], want: /not both/ },
    ],
    ['--base-url without a token', { given: ['--base-url', 'http://127.0.0.1:1'], want: /PROOFGATE_TOKEN/ }],
    ['--base-url that is not a URL', { given: ['--base-url', 'nope', '--token', 't'], want: /not a URL/ }],
    ['--runs 0', { given: ['--runs', '0'], want: /--runs takes a positive whole number/ }],
    ['--seed x', { given: ['--seed', 'x'], want: /--seed takes a whole number/ }],
    [
      'a missing spec',
      { given: ['--spec', 'nope.yaml', '--app', MODULE], want: /ERR_INPUT.*spec not found/ },
    ],
    ['a missing app module', { given: ['--app', 'nope.js'], want: /ERR_INPUT.*app module not found/ }],
    ['an export that is no subject', { given: ['--app', `${MODULE}#notASubject`], want: /must give/ }],
    ['an unknown export', { given: ['--app', `${MODULE}#nothing`], want: /has no export "nothing"/ }],
    [
      'a factory that throws',
      {
        given: ['--app', `${MODULE}#createThrowingSubject`],
        want: /ERR_SERVICE.*app factory .*mini-subject\.ts#createThrowingSubject failed: cannot reach the test database/,
      },
    ],
    [
      '--variant with --app',
      { given: ['--app', MODULE, '--variant', 'tenant-leak'], want: /reference service only/ },
    ],
    [
      '--rails against a bare URL',
      { given: ['--base-url', 'http://127.0.0.1:1', '--token', 't', '--rails'], want: /mint tokens/ },
    ],
    [
      'an unreachable --base-url',
      { given: ['--base-url', 'http://127.0.0.1:1', '--token', 't'], want: /ERR_SERVICE/ },
    ],
  ] as const)('%s is exit 2', async (_name, { given, want }) => {
    const r = await run([...given]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(want);
  });

  it('an honest app factory passes (exit 0) and JUnit lists every check and rail', async () => {
    const r = await run(['--app', MODULE, '--rails', '--format', 'junit']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    for (const c of CHECKS) expect(r.out).toContain(`name="${c.id}: `);
    expect(r.out).toContain('failures="0"');
  });

  it.each([
    [
      'a renamed field',
      { given: [`${MODULE}#createRenamingSubject`], want: 'response-schema', rails: false },
    ],
    ['a tenant leak', { given: [`${MODULE}#createLeakySubject`], want: 'tenant-isolation', rails: true }],
  ] as const)(
    '%s fails (exit 1) with an error finding that names method, path and id',
    async (_name, { given, want, rails }) => {
      const r = await run([
        '--app',
        ...given,
        ...(rails ? ['--rails'] : []),
        '--format',
        'json',
        '--deterministic',
      ]);
      expect(r.code).toBe(1);
      const report = JSON.parse(r.out) as {
        verdict: string;
        findings: { id: string; level: string; method?: string; path?: string }[];
      };
      expect(report.verdict).toBe('fail');
      const hit = report.findings.find((f) => f.id === want);
      expect(hit).toMatchObject({ level: 'error' });
      expect(hit?.method).toMatch(/^(GET|POST)$/);
      expect(hit?.path).toMatch(/^\/v1\/notes/);
    },
  );

  it('the config section names the app and spec; --rails-only runs just the rails', async () => {
    const dir = tempDir('pg-conformance-');
    const app = `${resolve(MODULE)}#createLeakySubject`;
    writeFileSync(
      join(dir, 'proofgate.config.json'),
      JSON.stringify({ conformance: { app, spec: MINI_SPEC_FILE, runs: 2 } }),
    );
    const ctx = captureContext(dir, {});
    const code = await main(['conformance', '--rails-only', '--format', 'json', '--deterministic'], ctx);
    expect(ctx.stderrText()).toBe('');
    expect(code).toBe(1);
    const report = JSON.parse(ctx.stdoutText()) as {
      runs: number;
      checks: { id: string }[];
      findings: { id: string; path: string }[];
    };
    expect(report.checks.map((c) => c.id)).toEqual([...RAIL_IDS]);
    expect(report.findings.map((f) => [f.id, f.path])).toEqual([['tenant-isolation', '/v1/notes']]);
  });

  it('--base-url runs against a service listening on 127.0.0.1 (token from PROOFGATE_TOKEN)', async () => {
    const r = await run(['--base-url', baseUrl, '--format', 'json', '--deterministic'], {
      PROOFGATE_TOKEN: token,
    });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { target: string; requests: number };
    expect(report.target).toBe(baseUrl);
    expect(report.requests).toBeGreaterThan(50);
  });
});
