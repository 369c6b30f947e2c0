import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packagePath } from '../harness/paths.js';

// The package as a team gets it: `npm pack` of this repository (dist/ is built by `npm test`),
// installed into a fresh project with vitest, then init → check-openapi → a vitest suite with
// proofgate/vitest → tsc with skipLibCheck: false → prod-gate. One install serves every assertion.

const version = (pkg: string) =>
  (JSON.parse(readFileSync(packagePath('node_modules', pkg, 'package.json'), 'utf8')) as { version: string })
    .version;

/** The child's environment: no vitest worker variables of this run leak into the team's own vitest. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!/^(VITEST|TEST$|NODE_OPTIONS$|NODE_ENV$|GITHUB_STEP_SUMMARY$|FORCE_COLOR$)/.test(k)) env[k] = v;
  return {
    ...env,
    CI: 'true',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    GIT_AUTHOR_NAME: 'Team',
    GIT_AUTHOR_EMAIL: 'team@example.test',
    GIT_COMMITTER_NAME: 'Team',
    GIT_COMMITTER_EMAIL: 'team@example.test',
  };
}

function sh(cwd: string, cmd: string, args: string[], timeout = 120_000): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, env: childEnv(), encoding: 'utf8', timeout });
}
const show = (r: SpawnSyncReturns<string>) => `exit ${r.status}\n${r.stdout}\n${r.stderr}`;

const registry = sh(packagePath(), 'npm', ['ping'], 30_000);
const reachable = registry.status === 0;
if (!reachable)
  console.warn(
    `[consumer test] SKIPPED: the npm registry is unreachable (npm ping: ${(registry.stderr || registry.error?.message || '').trim().split('\n')[0]})`,
  );

const SPEC = readFileSync(packagePath('harness', 'init', '__fixtures__', 'team-petstore.yaml'), 'utf8');

// The team's files before proofgate: a spec, a proof suite using the matchers, and a TypeScript
// file using the public API (checked with skipLibCheck: false).
const TEAM_FILES: Record<string, string> = {
  'package.json': JSON.stringify(
    { name: 'team-pets', version: '1.0.0', private: true, type: 'module' },
    null,
    2,
  ),
  '.gitignore': 'node_modules/\n',
  'openapi.yaml': SPEC,
  'vitest.config.mjs': "export default { test: { include: ['tests/**/*.proof.ts'] } };\n",
  'tests/contract.proof.ts': `import 'proofgate/vitest';
import { describe, expect, it } from 'vitest';

describe('the pets API', () => {
  it('keeps the frozen contract', async () => {
    await expect('openapi.yaml').toHaveNoBreakingChangesFrom('contracts/v1/openapi.yaml');
  });
  it('a removed operation is breaking', async () => {
    const doc = { openapi: '3.0.3', info: { title: 't', version: '1' }, paths: {} };
    await expect(doc).not.toHaveNoBreakingChangesFrom('contracts/v1/openapi.yaml');
  });
});
`,
  'src/check.ts': `import { checkOpenApi, defineConfig, ProofgateError, type ProofgateConfig } from 'proofgate';

export const config: ProofgateConfig = defineConfig({ openapi: { candidate: 'openapi.yaml' } });

export async function verdict(): Promise<string> {
  try {
    const r = await checkOpenApi({ base: 'contracts/v1/openapi.yaml', candidate: 'openapi.yaml' });
    return r.verdict;
  } catch (e) {
    if (e instanceof ProofgateError) return e.code;
    throw e;
  }
}
`,
  'tsconfig.json': JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        skipLibCheck: false,
        noEmit: true,
        allowJs: true,
        checkJs: true,
        types: ['node'],
      },
      include: ['src', 'tests', 'proofgate.config.mjs'],
    },
    null,
    2,
  ),
};

describe.skipIf(!reachable)('proofgate as a dependency of a fresh project (packed tarball)', () => {
  let root = '';
  let project = '';
  const proofgate = (...args: string[]) => sh(project, 'npx', ['--no', 'proofgate', ...args]);

  beforeAll(() => {
    if (!existsSync(packagePath('dist', 'harness', 'index.js')))
      throw new Error('dist/ is missing: run `npm run build` (npm test builds first)');
    root = mkdtempSync(join(tmpdir(), 'pg-consumer-'));
    const pack = sh(packagePath(), 'npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', root]);
    expect(pack.status, show(pack)).toBe(0);
    const tarball = join(root, (JSON.parse(pack.stdout) as { filename: string }[])[0]!.filename);
    project = join(root, 'team-pets');
    for (const [name, text] of Object.entries(TEAM_FILES)) {
      mkdirSync(dirname(join(project, name)), { recursive: true });
      writeFileSync(join(project, name), text);
    }
    const install = sh(
      project,
      'npm',
      [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--save-dev',
        tarball,
        `vitest@${version('vitest')}`,
        `typescript@${version('typescript')}`,
        `@types/node@${version('@types/node')}`,
      ],
      400_000,
    );
    expect(install.status, show(install)).toBe(0);
    expect(sh(project, 'git', ['init', '-q', '-b', 'main']).status).toBe(0);
  }, 480_000);

  afterAll(() => {
    if (root !== '') rmSync(root, { recursive: true, force: true });
  });

  it('the tarball holds no fixture of proofgate’s own repository', () => {
    const pkg = join(project, 'node_modules', 'proofgate');
    expect(existsSync(join(pkg, 'fixtures'))).toBe(false);
    expect(existsSync(join(pkg, 'dist', 'fixtures'))).toBe(false);
    expect(readdirSync(join(pkg, 'docs'))).toContain('use-in-your-repository.md');
  });

  it('init → check-openapi → the vitest suite → tsc → prod-gate: all green', () => {
    const init = proofgate('init');
    expect(init.status, show(init)).toBe(0);
    expect(init.stdout).toContain('spec openapi.yaml');
    const config = readFileSync(join(project, 'proofgate.config.mjs'), 'utf8');
    expect(config).toContain("runner: { always: ['*.proof.{ts,mts,js,mjs}'] }"); // init found the suite

    // init added the scripts teams run: `npm run check:openapi` before a merge.
    const check = sh(project, 'npm', ['run', '--silent', 'check:openapi']);
    expect(check.status, show(check)).toBe(0);
    expect(check.stdout).toMatch(/^PASS/);

    const tests = sh(project, 'npx', ['--no', 'vitest', 'run']);
    expect(tests.status, show(tests)).toBe(0);
    expect(tests.stdout).toMatch(/2 passed/);

    const tsc = sh(project, 'npx', ['--no', '--', 'tsc', '-p', 'tsconfig.json']);
    expect(tsc.status, show(tsc)).toBe(0);

    const gate = sh(project, 'npm', ['run', '--silent', 'test:prod-gate', '--', '--format', 'json']);
    expect(gate.status, show(gate)).toBe(0);
    const report = JSON.parse(gate.stdout) as { verdict: string; stages: { id: string; status: string }[] };
    expect(Object.fromEntries(report.stages.map((s) => [s.id, s.status]))).toEqual({
      'verify-freeze': 'pass',
      'check-openapi': 'pass',
      conformance: 'skipped',
      rehearse: 'skipped',
      'verify-proofs': 'skipped',
      'release-check': 'skipped',
      rails: 'skipped',
      'proof-runner': 'pass',
      'release-class': 'skipped',
    });
  }, 240_000);

  it('prod-gate --from the base ref: nothing changed, nothing to class; and a service is asked for, not faked', () => {
    expect(sh(project, 'git', ['add', '-A']).status).toBe(0);
    expect(sh(project, 'git', ['commit', '-q', '-m', 'proofgate init']).status).toBe(0);
    const gate = proofgate('prod-gate', '--from', 'HEAD');
    expect(gate.status, show(gate)).toBe(0);
    expect(gate.stdout + gate.stderr).toMatch(/release-class[^\n]*not applicable: nothing changed/);

    const conformance = proofgate('conformance');
    expect(conformance.status).toBe(2);
    expect(conformance.stderr).toMatch(/conformance needs your service[^]*hint: set conformance\.app/);
    expect(conformance.stderr).not.toMatch(/internal error|ENOENT/);
  }, 240_000);
});
