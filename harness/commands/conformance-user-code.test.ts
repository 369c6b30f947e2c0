import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { packagePath } from '../paths.js';
import { captureContext } from '../testing/capture-context.js';
import { runCli } from '../testing/run-cli.js';

// False PASS #3: user code that calls process.exit(0) ended the run with exit 0.
const app = (file: string) => packagePath('fixtures', 'conformance', 'bad-apps', file);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'proofgate-user-code-'));
  await writeFile(join(dir, 'fast.json'), JSON.stringify({ conformance: { appTimeoutMs: 200 } }));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('conformance --app: the app factory cannot decide the exit code', () => {
  it.each([
    [
      'process.exit(0) in the factory',
      'exits.mjs#createApp',
      `app factory ${app('exits.mjs')}#createApp called process.exit(0)`,
    ],
    ['process.exit(0) after an await', 'exits-async.mjs#createApp', 'called process.exit(0)'],
    ['process.exit(0) caught by the factory', 'swallows-exit.mjs#createApp', 'called process.exit(0)'],
    [
      'process.exit(0) while importing',
      'exits-on-import.mjs',
      `app module ${app('exits-on-import.mjs')} called process.exit(0)`,
    ],
    ['a throwing factory', 'throws.mjs#createApp', 'failed: database is not configured'],
    ['a factory that never gives its app', 'never-settles.mjs#createApp', 'did not finish within 200 ms'],
  ])('%s: exit 2 naming it', async (_n, spec, message) => {
    const ctx = captureContext(packagePath());
    const code = await main(['conformance', '--config', join(dir, 'fast.json'), '--app', app(spec)], ctx);
    expect(ctx.stderrText()).toContain('ERR_SERVICE');
    expect(ctx.stderrText()).toContain(message);
    expect(code).toBe(2);
  });

  it.each([
    ['exits.mjs#createApp', 'called process.exit(0)'],
    ['never-settles.mjs#createApp', 'never finished: its promise can never settle'],
  ])('as a process: %s ends in exit 2, not 0', async (spec, message) => {
    const { code, stderr } = await runCli(['conformance', '--app', app(spec)]).done;
    expect(stderr).toContain(message);
    expect(code).toBe(2);
  });

  it.each([
    ['exits-in-handler.mjs#subject', 'error outside any step', 'called process.exit(0)'],
    [
      'swallows-exit-in-handler.mjs#subject',
      'ERR_USER_EXIT',
      'a service, handler or timer inside the run called process.exit(0)',
    ],
  ])('a request handler (%s) that calls process.exit(0) mid-run: exit 2', async (spec, kind, message) => {
    const { code, stderr } = await runCli(['conformance', '--app', app(spec), '--runs', '1']).done;
    expect(stderr).toContain(kind);
    expect(stderr).toContain(message);
    expect(code).toBe(2);
  });

  it.each([
    ['an app factory', 'exits-async.mjs#createApp'],
    ['a request handler that catches it', 'swallows-exit-in-handler.mjs#subject'],
  ])(
    'in the gate, process.exit(0) in %s: the conformance stage FAILs and later stages still run',
    async (_n, spec) => {
      const cwd = await mkdtemp(join(dir, 'gate-'));
      await writeFile(
        join(cwd, 'proofgate.config.json'),
        JSON.stringify({
          conformance: {
            app: app(spec),
            spec: packagePath('contracts', 'v1', 'openapi.yaml'),
          },
          release: {
            envFile: packagePath('fixtures', 'env', 'prod-good.env'),
            contractsDir: packagePath('contracts'),
          },
        }),
      );
      const { code, stdout } = await runCli(
        ['prod-gate', '--only', 'conformance,release-check', '--date', '2026-11-21', '--format', 'json'],
        { cwd },
      ).done;
      const report = JSON.parse(stdout) as { verdict: string; stages: Array<{ id: string; status: string }> };
      expect(report.verdict).toBe('FAIL');
      expect(stdout).toContain('called process.exit(0)');
      expect(report.stages.find((s) => s.id === 'release-check')?.status).toBe('pass');
      expect(code).toBe(1);
    },
  );
});
