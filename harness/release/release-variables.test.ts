import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { packagePath } from '../paths.js';
import { captureContext } from '../testing/capture-context.js';
import { tempDirs } from '../testing/temp-dirs.js';

const tempDir = tempDirs();

// release-check on a service that is not the reference: its variable names come from the config.
const ENV_FILE = packagePath('fixtures', 'foreign-service', 'prod.env');

async function run(release: Record<string, unknown> | undefined) {
  const cwd = tempDir('pg-release-vars-');
  mkdirSync(join(cwd, 'contracts', 'v1'), { recursive: true });
  writeFileSync(join(cwd, 'contracts', 'v1', 'openapi.yaml'), 'openapi: 3.1.0\n');
  if (release !== undefined)
    writeFileSync(
      join(cwd, 'proofgate.config.json'),
      JSON.stringify({ release: { envFile: ENV_FILE, ...release } }),
    );
  const ctx = captureContext(cwd);
  const code = await main(['release-check', '--env-file', ENV_FILE, '--format', 'json'], ctx);
  const out = ctx.stdoutText();
  return {
    code,
    err: ctx.stderrText(),
    findings: out ? (JSON.parse(out) as { findings: { id: string; variable?: string }[] }).findings : [],
  };
}

const NAMES = {
  secrets: { prod: ['BILLING_OAUTH_CLIENT_SECRET'] },
  signingKeyVars: ['BILLING_RESPONSE_SIGNING_JWK'],
};

describe("release-check with the team's own variable names (release.secrets, release.signingKeyVars)", () => {
  it.each([
    [
      'the built-in names: DATABASE_URL, AUTH_TOKEN_SECRET and SIGNING_KEY are demanded',
      {
        release: undefined,
        code: 1,
        want: [
          'secret-missing AUTH_TOKEN_SECRET',
          'secret-missing DATABASE_URL',
          'signing-key-missing SIGNING_KEY',
        ],
      },
    ],
    ['the configured names: PASS', { release: NAMES, code: 0, want: [] }],
    [
      'a configured secret that is missing is named',
      {
        release: { ...NAMES, secrets: { prod: ['BILLING_OAUTH_CLIENT_SECRET', 'BILLING_WEBHOOK_SECRET'] } },
        code: 1,
        want: ['secret-missing BILLING_WEBHOOK_SECRET'],
      },
    ],
    [
      'a configured signing key variable that is unset is named',
      {
        release: { ...NAMES, signingKeyVars: ['BILLING_KMS_KEY'] },
        code: 1,
        want: ['signing-key-missing BILLING_KMS_KEY'],
      },
    ],
  ])('%s', async (_name, { release, code, want }) => {
    const r = await run(release);
    expect(r.err).toBe('');
    expect(r.code).toBe(code);
    expect(
      r.findings
        .filter((f) => f.id !== 'signing-unsigned-mode')
        .map((f) => `${f.id} ${f.variable}`)
        .sort(),
    ).toEqual(want);
  });

  it.each([
    [
      'secrets for an unknown environment',
      { secrets: { production: [] } },
      /ERR_CONFIG.*release\.secrets\.production: unknown key/,
    ],
    [
      'signingKeyVars that is not a list of names',
      { signingKeyVars: ['not a name'] },
      /ERR_CONFIG.*release\.signingKeyVars\[0\]: must match/,
    ],
  ])('%s is exit 2', async (_name, release, want) => {
    const r = await run(release);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(want);
  });
});
