import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InfraError } from '../errors/index.js';
import { packagePath } from '../paths.js';
import type { Report } from '../report/types.js';
import { captureContext } from '../testing/capture-context.js';
import { runProdGate, verifyReleaseFolder, type StageSpec } from './index.js';
import { tempDirs } from '../testing/temp-dirs.js';

const tempDir = tempDirs();

const report = (pass: boolean, extra: Partial<Report> = {}): Report => ({
  command: 'x',
  title: pass ? 'ok' : 'bad',
  pass,
  body: { verdict: pass ? 'PASS' : 'FAIL' },
  findings: pass ? [] : [{ id: 'thing-broke', level: 'error', message: 'the thing broke' }],
  ...extra,
});
const lib = (id: string, run: () => Promise<Report>): StageSpec => ({
  id,
  title: `stage ${id}`,
  load: async () => ({ id, title: id, run }),
});

const TABLE: StageSpec[] = [
  lib('alpha', async () => report(true)),
  lib('beta', async () => report(false)),
  lib('gamma', async () => {
    throw new InfraError('ERR_DATABASE', 'connection refused');
  }),
  { id: 'delta', title: 'not built yet', command: 'no-such-command' },
  {
    id: 'epsilon',
    title: 'release-check via its command',
    command: 'release-check',
    defaultArgs: () => ['--env', packagePath('fixtures', 'env', 'prod-good.env')],
  },
  lib('zeta', async () => report(false, { pass: true })), // says PASS but carries an error finding
];

function setup(env: NodeJS.ProcessEnv = {}) {
  const cwd = tempDir('pg-gate-');
  mkdirSync(join(cwd, 'contracts', 'v1'), { recursive: true });
  writeFileSync(join(cwd, 'contracts', 'v1', 'openapi.yaml'), 'openapi: 3.1.0\n');
  const cli = captureContext(cwd, env);
  return { cwd, cli };
}

async function gate(
  opts: {
    only?: string[];
    skip?: string[];
    stages?: StageSpec[];
    env?: NodeJS.ProcessEnv;
    cwd?: string;
  } = {},
) {
  const s = setup(opts.env);
  const cwd = opts.cwd ?? s.cwd;
  const cli = captureContext(cwd, opts.env ?? {});
  const result = await runProdGate({
    cli,
    config: { config: {}, file: undefined, dir: cwd },
    date: '2026-11-21',
    only: opts.only ?? [],
    skip: opts.skip ?? [],
    stages: opts.stages ?? TABLE,
  });
  return { ...result, cwd, cli };
}

describe('prod-gate stage framework', () => {
  it('runs every stage in order and names each failure', async () => {
    const { report, outcomes } = await gate();
    expect(outcomes.map((o) => [o.id, o.status])).toEqual([
      ['alpha', 'pass'],
      ['beta', 'fail'],
      ['gamma', 'fail'],
      ['delta', 'fail'],
      ['epsilon', 'pass'],
      ['zeta', 'fail'],
    ]);
    expect(report.pass).toBe(false);
    expect(report.body.failed).toEqual(['beta', 'gamma', 'delta', 'zeta']);
    const ids = report.findings.filter((f) => f.level === 'error').map((f) => `${f.group}:${f.id}`);
    expect(ids).toEqual([
      'beta:thing-broke',
      'gamma:stage-error',
      'delta:stage-not-implemented',
      'zeta:thing-broke',
    ]);
    expect(outcomes[2]!.reason).toContain('ERR_DATABASE: connection refused');
    expect(outcomes[3]!.reason).toBe('not implemented (command `no-such-command` is not registered)');
  });

  it('lists --skip and --only stages as skipped, never as passed', async () => {
    const { report, outcomes } = await gate({ only: ['alpha', 'epsilon'] });
    expect(report.pass).toBe(true);
    expect(report.body.passed).toEqual(['alpha', 'epsilon']);
    expect(report.body.skipped).toEqual(['beta', 'gamma', 'delta', 'zeta']);
    expect(
      outcomes.filter((o) => o.status === 'skipped').every((o) => o.reason === 'not selected by --only'),
    ).toBe(true);
    expect(report.title).toContain('4 skipped (beta, gamma, delta, zeta)');
    const junit = readFileSync(
      join((await gate({ skip: ['beta', 'gamma', 'delta', 'zeta'] })).folder.dir, 'report.junit.xml'),
      'utf8',
    );
    expect(junit.match(/<skipped>/g)).toHaveLength(4);
  });

  it('fails when every stage is skipped (verified nothing)', async () => {
    const { report } = await gate({ skip: TABLE.map((s) => s.id) });
    expect(report.pass).toBe(false);
    expect(report.findings.map((f) => f.id)).toEqual(['gate-nothing-verified']);
  });

  it.each([
    ['unknown stage', { only: ['nope'] }, 'ERR_USAGE'],
    ['only and skip the same', { only: ['alpha'], skip: ['alpha'] }, 'ERR_USAGE'],
  ])('%s is a usage error', async (_n, o, code) => {
    await expect(gate(o)).rejects.toMatchObject({ code });
  });

  it('gives the same report digest on two runs of the same inputs', async () => {
    const a = await gate();
    const b = await gate();
    expect(a.folder.digest).toBe(b.folder.digest);
    expect(readFileSync(join(a.folder.dir, 'report.json'), 'utf8')).toBe(
      readFileSync(join(b.folder.dir, 'report.json'), 'utf8'),
    );
  });

  it('writes the release folder with a manifest of every artifact', async () => {
    const { folder } = await gate();
    expect(Object.keys(folder.files)).toEqual([
      'logs/alpha.log',
      'logs/beta.log',
      'logs/delta.log',
      'logs/epsilon.log',
      'logs/gamma.log',
      'logs/prod-gate.log',
      'logs/zeta.log',
      'report.json',
      'report.junit.xml',
      'stages/alpha.json',
      'stages/beta.json',
      'stages/epsilon.json',
      'stages/zeta.json',
      'summary.md',
    ]);
    expect(await verifyReleaseFolder(folder.dir)).toEqual([]);
    writeFileSync(join(folder.dir, 'summary.md'), 'tampered\n');
    expect(await verifyReleaseFolder(folder.dir)).toEqual(['summary.md']);
    const json = JSON.parse(readFileSync(join(folder.dir, 'report.json'), 'utf8')) as {
      digest: string;
      verdict: string;
      timings?: unknown;
    };
    expect(json.verdict).toBe('FAIL');
    expect(json.timings).toBeUndefined();
    expect(readFileSync(join(folder.dir, 'logs', 'epsilon.log'), 'utf8')).toContain(
      '$ proofgate release-check',
    );
  });

  it('appends a dated Operations Changelog entry, and the summary to $GITHUB_STEP_SUMMARY', async () => {
    const s = setup();
    const summary = join(s.cwd, 'step-summary.md');
    writeFileSync(summary, 'earlier step\n');
    await gate({ cwd: s.cwd, env: { GITHUB_STEP_SUMMARY: summary }, only: ['alpha'] });
    const second = await gate({ cwd: s.cwd, env: { GITHUB_STEP_SUMMARY: summary }, only: ['alpha'] });
    const log = readFileSync(join(s.cwd, 'OPERATIONS_CHANGELOG.md'), 'utf8');
    expect(log.startsWith('# Operations Changelog\n')).toBe(true);
    expect(log.match(/^## 2026-11-21 — prod-gate PASS$/gm)).toHaveLength(2);
    expect(log).toContain(`- report digest: \`${second.folder.digest}\``);
    expect(log).toContain('- beta: skipped — not selected by --only');
    const step = readFileSync(summary, 'utf8');
    expect(step.startsWith('earlier step\n')).toBe(true);
    expect(step.match(/proofgate prod-gate: PASS/g)).toHaveLength(2);
  });

  it('refuses to overwrite a folder it did not write', async () => {
    const s = setup();
    mkdirSync(join(s.cwd, 'proofgate-release'));
    writeFileSync(join(s.cwd, 'proofgate-release', 'precious.txt'), 'keep\n');
    await expect(gate({ cwd: s.cwd })).rejects.toMatchObject({ code: 'ERR_USAGE' });
    expect(existsSync(join(s.cwd, 'proofgate-release', 'precious.txt'))).toBe(true);
  });

  it('prints plain progress lines in CI and live lines on a TTY', async () => {
    const plain = await gate({ only: ['alpha', 'beta'] });
    expect(plain.cli.stderrText()).toMatch(
      /^prod-gate \[1\/6\] alpha: PASS \(\d+\.\ds\)\nprod-gate \[2\/6\] beta: FAIL \(\d+\.\ds\): thing-broke: the thing broke\nprod-gate \[3\/6\] gamma: SKIPPED: not selected by --only\n/,
    );
    expect(plain.cli.stderrText()).not.toContain('\x1b');
    const s = setup();
    const cli = captureContext(s.cwd);
    cli.stderr.isTTY = true;
    await runProdGate({
      cli,
      config: { config: {}, file: undefined, dir: s.cwd },
      date: '2026-11-21',
      only: ['alpha'],
      stages: TABLE,
    });
    expect(cli.stderrText()).toContain('\x1b[2K\r… [1/6] alpha running');
    const ci = captureContext(s.cwd, { CI: 'true' });
    ci.stderr.isTTY = true;
    await runProdGate({
      cli: ci,
      config: { config: {}, file: undefined, dir: s.cwd },
      date: '2026-11-21',
      only: ['alpha'],
      stages: TABLE,
      outDir: join(s.cwd, 'ci-out'),
    });
    expect(ci.stderrText()).not.toContain('\x1b');
  });
});

describe('command-backed stages take over the command’s findings', () => {
  const fx = (...p: string[]) => packagePath('fixtures', 'openapi', ...p);
  const spec = (extra: string[]): StageSpec[] => [
    {
      id: 'check-openapi',
      title: 'check-openapi',
      command: 'check-openapi',
      defaultArgs: (ctx) => [
        '--date',
        ctx.date,
        '--base',
        fx('good', 'petstore.yaml'),
        '--candidate',
        fx('pairs', 'breaking.yaml'),
        ...extra,
      ],
    },
  ];

  it('a breaking change fails the stage with the rule ids as error findings', async () => {
    const { report } = await gate({ stages: spec([]) });
    expect(report.pass).toBe(false);
    const errors = report.findings.filter((f) => f.level === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(
      errors.every((f) => f.group === 'check-openapi' && f.class === 'breaking' && f.id !== 'stage-failed'),
    ).toBe(true);
  });

  it('breaking changes accepted by a reviewed exception are info, and the stage passes', async () => {
    const { report } = await gate({
      stages: spec(['--exceptions', fx('exceptions', 'accept-pet-name.yaml')]),
    });
    expect(report.pass).toBe(true);
    expect(report.findings.filter((f) => f.level === 'error')).toEqual([]);
  });
});

describe('a command-backed stage that throws', () => {
  it('is a FAIL of that stage with the error code and hint, and the gate goes on', async () => {
    const stages: StageSpec[] = [
      { id: 'needs-args', title: 'release-check without --env', command: 'release-check' },
      lib('after', async () => report(true)),
    ];
    const { outcomes, report: r } = await gate({ stages });
    expect(outcomes.map((o) => o.status)).toEqual(['fail', 'pass']);
    expect(outcomes[0]!.reason).toContain('stage-error ERR_USAGE: missing required --env');
    expect(r.findings.map((f) => [f.group, f.id])).toEqual([['needs-args', 'stage-error']]);
    expect(outcomes[0]!.log).toContain(
      'error: ERR_USAGE: missing required --env (hint: name the environment file a release starts with, e.g. --env deploy/prod.env (or set release.envFile))',
    );
  });
});
