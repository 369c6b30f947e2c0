import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packagePath } from '../paths.js';
import {
  assertStartupGuards,
  checkStartupGuards,
  DEV_BYPASS_ENV,
  parseEnv,
  readEnvFile,
  StartupGuardError,
} from './index.js';
import { tempDirs } from '../testing/temp-dirs.js';

const tempDir = tempDirs();

const contractsDir = tempDir('pg-contracts-');
mkdirSync(join(contractsDir, 'v1'));
writeFileSync(join(contractsDir, 'v1', 'openapi.yaml'), 'openapi: 3.1.0\n');
const quiet = { warn: () => {} };
const envFile = (name: string) => readEnvFile(packagePath('fixtures', 'env', `${name}.env`));
const errorIds = (env: Record<string, string>, extra: object = {}) =>
  checkStartupGuards(env, { contractsDir, logger: quiet, ...extra })
    .findings.filter((f) => f.level === 'error')
    .map((f) => f.id);

describe('startup guards on the fixture env files', () => {
  it.each([
    ['prod-debug-logging', ['prod-debug-logging']],
    ['prod-auto-create-schema', ['prod-auto-create-schema']],
    ['prod-dev-bypass', ['prod-dev-bypass']],
    ['prod-dev-bypass-flag', ['prod-dev-bypass']],
    ['prod-secret-missing', ['secret-missing']],
    ['prod-signing-implicit', ['prod-signing-implicit']],
    ['prod-unsigned-implicit', ['prod-unsigned-implicit']],
    ['prod-signing-mode-invalid', ['signing-mode-invalid']],
    ['prod-signing-inconsistent', ['signing-mode-inconsistent']],
    ['prod-signing-key-missing', ['signing-key-missing']],
    ['prod-api-version-unsupported', ['api-version-unsupported']],
    ['prod-code-sha-missing', ['release-code-sha-missing']],
  ])('%s refuses with exactly %j', async (name, want) => {
    const env = await envFile(name);
    expect(errorIds(env)).toEqual(want);
    expect(() => assertStartupGuards(env, { contractsDir, logger: quiet })).toThrow(StartupGuardError);
  });

  it.each([['prod-good'], ['prod-signing-disabled'], ['dev-good']])('%s starts', async (name) => {
    const env = await envFile(name);
    expect(errorIds(env)).toEqual([]);
  });

  it('returns the artifact the service records in app.startup', async () => {
    const artifact = assertStartupGuards(await envFile('prod-good'), {
      contractsDir,
      logger: quiet,
      currentHead: '0002_release2',
    });
    expect(artifact).toEqual({
      environment: 'prod',
      code_sha: '4f6c2a9e1b7d3c5a8e0f2b4d6a8c0e2f4b6d8a0c',
      expected_alembic_head: '0002_release2',
      supported_api_versions: ['v1'],
      enabled_feature_flags: ['bulk-export', 'key-rotation'],
      signing_mode: 'required',
      signing_required: true,
    });
  });

  it('throws ERR_STARTUP_GUARD listing every violation with its id', async () => {
    const env = { ...(await envFile('prod-good')), LOG_LEVEL: 'DEBUG', AUTO_CREATE_SCHEMA: 'true' };
    try {
      assertStartupGuards(env, { contractsDir, logger: quiet });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(StartupGuardError);
      const err = e as StartupGuardError;
      expect(err.code).toBe('ERR_STARTUP_GUARD');
      expect(err.exitCode).toBe(2);
      expect(err.violations.map((v) => v.id)).toEqual(['prod-auto-create-schema', 'prod-debug-logging']);
      expect(err.message).toContain('prod-debug-logging');
      expect(err.message).toContain('prod-auto-create-schema');
    }
  });
});

describe('startup guards, field by field', () => {
  const good = parseEnv(
    'ENV=prod\nGIT_SHA=abc1234\nRELEASE_SUPPORTED_API_VERSIONS=v1\nSIGNING_MODE=required\nSIGNING_KEY=k\nDATABASE_URL=x\nAUTH_TOKEN_SECRET=y\n',
  );
  it.each([
    [
      'head mismatch',
      { env: { EXPECTED_ALEMBIC_HEAD: 'b2' }, opts: { currentHead: 'a1' }, want: ['alembic-head-mismatch'] },
    ],
    ['head matches', { env: { EXPECTED_ALEMBIC_HEAD: 'b2' }, opts: { currentHead: 'b2' }, want: [] }],
    ['head unset: no comparison', { env: {}, opts: { currentHead: 'a1' }, want: [] }],
    ['head blank', { env: { EXPECTED_ALEMBIC_HEAD: ' ' }, opts: {}, want: ['alembic-head-invalid'] }],
    ['ENV missing fails closed as prod', { env: { ENV: '' }, opts: {}, want: ['env-missing'] }],
    ['ENV unknown', { env: { ENV: 'prodd' }, opts: {}, want: ['env-unknown'] }],
    ['ENV=production alias', { env: { ENV: 'production' }, opts: {}, want: [] }],
    ['sha conflict', { env: { VERSION_HASH: 'def5678' }, opts: {}, want: ['release-code-sha-conflict'] }],
    ['short sha prefix is the same commit', { env: { VERSION_HASH: 'abc1234ff' }, opts: {}, want: [] }],
    ['sha not hex', { env: { GIT_SHA: 'main' }, opts: {}, want: ['release-code-sha-invalid'] }],
    [
      'api version malformed',
      { env: { RELEASE_SUPPORTED_API_VERSIONS: 'v1,2' }, opts: {}, want: ['release-api-version-invalid'] },
    ],
    [
      'api version twice',
      { env: { RELEASE_SUPPORTED_API_VERSIONS: 'v1,v1' }, opts: {}, want: ['release-api-version-invalid'] },
    ],
    [
      'api versions empty in prod',
      { env: { RELEASE_SUPPORTED_API_VERSIONS: '' }, opts: {}, want: ['release-api-versions-missing'] },
    ],
    [
      'unfrozen v2',
      { env: { RELEASE_SUPPORTED_API_VERSIONS: 'v1 v2' }, opts: {}, want: ['api-version-unsupported'] },
    ],
    [
      'flag malformed',
      { env: { RELEASE_FEATURE_FLAGS: 'ok,bad flag!' }, opts: {}, want: ['release-feature-flag-invalid'] },
    ],
    [
      'SIGNING_REQUIRED garbage',
      { env: { SIGNING_REQUIRED: 'maybe' }, opts: {}, want: ['signing-required-invalid'] },
    ],
    [
      'disabled + SIGNING_REQUIRED=true',
      {
        env: { SIGNING_MODE: 'disabled', SIGNING_REQUIRED: 'true' },
        opts: {},
        want: ['signing-mode-inconsistent'],
      },
    ],
    ['trace logging in prod', { env: { LOG_LEVEL: 'trace' }, opts: {}, want: ['prod-debug-logging'] }],
    [
      'unreadable bypass flag in prod',
      { env: { AUTO_CREATE_SCHEMA: 'perhaps' }, opts: {}, want: ['prod-auto-create-schema'] },
    ],
    ['AUTO_CREATE_SCHEMA=false is fine', { env: { AUTO_CREATE_SCHEMA: 'false' }, opts: {}, want: [] }],
    [
      'config adds a secret',
      { env: {}, opts: { requiredSecrets: { prod: ['ANCHOR_NOTE_KEY'] } }, want: ['secret-missing'] },
    ],
    [
      'staging needs the artifact too',
      { env: { ENV: 'staging', GIT_SHA: '' }, opts: {}, want: ['release-code-sha-missing'] },
    ],
    ['staging may log debug', { env: { ENV: 'staging', LOG_LEVEL: 'debug' }, opts: {}, want: [] }],
  ])('%s', (_name, { env, opts, want }) => {
    expect(errorIds({ ...good, ...env }, opts)).toEqual(want);
  });

  it('always logs unsigned modes, even when they are allowed', () => {
    const lines: string[] = [];
    const r = checkStartupGuards(
      { ENV: 'dev', SIGNING_MODE: 'optional' },
      { contractsDir, logger: { warn: (l) => void lines.push(l) } },
    );
    expect(r.ok).toBe(true);
    expect(lines).toEqual([
      'proofgate startup: WARNING signing_mode=optional: records may be written unsigned (ENV=dev)',
    ]);
    expect(r.findings.map((f) => [f.id, f.level])).toEqual([['signing-unsigned-mode', 'warning']]);
  });
});

describe('the env matrix as a property', () => {
  it('any prod environment with any dev-bypass flag fails', async () => {
    const good = await envFile('prod-good');
    const bypassEnv = fc.record({
      name: fc.constantFrom(...DEV_BYPASS_ENV.map((f) => f.name)),
      value: fc.constantFrom('1', 'true', 'TRUE', 'yes', 'on', ' On '),
    });
    const bypassFlag = fc.constantFrom(
      'dev-auth',
      'dev_seed',
      'debug-panel',
      'auth-bypass',
      'allow-insecure-tls',
      'fake-signer',
    );
    const noise = fc.dictionary(
      fc.constantFrom('LOG_LEVEL', 'SIGNING_MODE', 'RELEASE_FEATURE_FLAGS', 'EXTRA'),
      fc.constantFrom('info', 'warn', 'required', 'bulk-export', 'x'),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          bypassEnv.map((b) => ({ [b.name]: b.value })),
          bypassFlag.map((f) => ({ __flag: f })),
        ),
        noise,
        (bypass, n) => {
          const env: Record<string, string> = { ...good, ...n, ENV: 'prod' };
          const { __flag, ...vars } = bypass as Record<string, string>;
          Object.assign(env, vars);
          if (__flag !== undefined)
            env.RELEASE_FEATURE_FLAGS = `${env.RELEASE_FEATURE_FLAGS ?? ''},${__flag}`;
          const r = checkStartupGuards(env, { contractsDir, logger: quiet });
          expect(r.ok).toBe(false);
          expect(
            r.findings.some(
              (f) => f.level === 'error' && /^prod-(dev-bypass|auto-create-schema)$/.test(f.id),
            ),
          ).toBe(true);
        },
      ),
    );
  });

  it('the same env gives the same findings whatever the key order', async () => {
    const env = await envFile('prod-debug-logging');
    const reversed = Object.fromEntries(Object.entries(env).reverse());
    expect(checkStartupGuards(reversed, { contractsDir, logger: quiet })).toEqual(
      checkStartupGuards(env, { contractsDir, logger: quiet }),
    );
  });
});

describe('env file parsing', () => {
  it.each([
    [
      'export and quotes',
      {
        text: 'export A="x\\ny" # c\nB=\'q # r\'\nC = plain # note\n',
        want: { A: 'x\ny', B: 'q # r', C: 'plain' },
      },
    ],
    ['comments and blanks', { text: '# c\n\nA=1\n', want: { A: '1' } }],
  ])('%s', (_n, { text, want }) => expect(parseEnv(text)).toEqual(want));

  it.each([
    ['not KEY=value', 'just words\n', 'line 1: expected KEY=value'],
    ['set twice', 'A=1\nA=2\n', 'line 2: A is set twice'],
    ['unterminated quote', 'A="x\n', 'line 1: unterminated double quote'],
  ])('%s is ERR_INPUT', (_n, text, msg) => {
    expect(() => parseEnv(text, 'f.env')).toThrow(
      expect.objectContaining({ code: 'ERR_INPUT', message: expect.stringContaining(msg) }),
    );
  });

  it('a missing file is ERR_INPUT', async () => {
    await expect(readEnvFile('/nonexistent/x.env')).rejects.toMatchObject({ code: 'ERR_INPUT' });
  });
});
