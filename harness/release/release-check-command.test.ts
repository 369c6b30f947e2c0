import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { packagePath } from '../paths.js';
import { captureContext } from '../testing/capture-context.js';
import { tempDirs } from '../testing/temp-dirs.js';

const tempDir = tempDirs();

const cwd = tempDir('pg-release-check-');
mkdirSync(join(cwd, 'contracts', 'v1'), { recursive: true });
writeFileSync(join(cwd, 'contracts', 'v1', 'openapi.yaml'), 'openapi: 3.1.0\n');
const env = (name: string) => packagePath('fixtures', 'env', `${name}.env`);

async function run(args: string[]) {
  const ctx = captureContext(cwd);
  const code = await main(['release-check', ...args], ctx);
  return { code, out: ctx.stdoutText(), err: ctx.stderrText() };
}

describe('proofgate release-check', () => {
  it('passes a safe prod env file and prints the artifact', async () => {
    const { code, out } = await run(['--env', env('prod-good'), '--format', 'json']);
    expect(code).toBe(0);
    const json = JSON.parse(out) as { verdict: string; artifact: { code_sha: string }; digest: string };
    expect(json.verdict).toBe('PASS');
    expect(json.artifact.code_sha).toBe('4f6c2a9e1b7d3c5a8e0f2b4d6a8c0e2f4b6d8a0c');
    expect(json.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['prod-debug-logging', 'prod-debug-logging'],
    ['prod-auto-create-schema', 'prod-auto-create-schema'],
    ['prod-unsigned-implicit', 'prod-unsigned-implicit'],
  ])('fails %s naming %s (exit 1)', async (name, id) => {
    const { code, out } = await run(['--env', env(name)]);
    expect(code).toBe(1);
    expect(out).toContain(id);
  });

  it('compares --db-head with EXPECTED_ALEMBIC_HEAD', async () => {
    const { code, out } = await run([
      '--env-file',
      env('prod-good'),
      '--db-head',
      '0001_release1',
      '--format',
      'json',
    ]);
    expect(code).toBe(1);
    expect(out).toContain('alembic-head-mismatch');
  });

  it('warns, and passes, on explicit SIGNING_MODE=disabled', async () => {
    const { code, out } = await run(['--env', env('prod-signing-disabled')]);
    expect(code).toBe(0);
    expect(out).toContain('signing-unsigned-mode');
  });

  it('gives byte-identical JSON on two runs', async () => {
    const a = await run(['--env', env('prod-secret-missing'), '--format', 'json']);
    const b = await run(['--env', env('prod-secret-missing'), '--format', 'json']);
    expect(a.out).toBe(b.out);
  });

  it.each([
    ['no --env', [], 'ERR_USAGE'],
    ['missing file', ['--env', 'nope.env'], 'env file not found'],
    ['unknown flag', ['--env', env('prod-good'), '--bogus'], 'ERR_USAGE'],
  ])('%s exits 2 with %s', async (_n, args, code) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(code);
  });
});
