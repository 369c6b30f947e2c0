// Fault suite (issue 14): `--out` (or another output flag) that names the command's own input is
// refused (exit 2) before anything is written, in every command that has one. Inputs are copies
// in a temp folder, so a regression cannot damage the repository.
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packagePath } from '../paths.js';
import { captureContext } from '../testing/capture-context.js';
import { main } from './main.js';
import { assertOutputsAreNotInputs, type InputPath, type OutputPath } from './out-guard.js';

let t: string;
const p = (...parts: string[]) => join(t, ...parts);

beforeAll(async () => {
  t = await mkdtemp(join(tmpdir(), 'proofgate-out-guard-'));
  await cp(packagePath('fixtures/history/small'), p('bundle'), { recursive: true });
  await cp(packagePath('contracts/v1'), p('contract'), { recursive: true });
  await cp(packagePath('contracts/v1/openapi.yaml'), p('base.yaml'));
  await cp(packagePath('contracts/v1/openapi.yaml'), p('candidate.yaml'));
  await cp(packagePath('fixtures/env/dev-good.env'), p('dev.env'));
  await symlink(p('candidate.yaml'), p('link.yaml'));
  await writeFile(p('proofgate.config.json'), '{}\n');
  // Two valid reports and a shard, made by the commands themselves.
  for (const k of [0, 1]) {
    const ctx = captureContext(t);
    await main(
      [
        'verify-proofs',
        '--bundle',
        p('bundle'),
        '--shard',
        `${k}/2`,
        '--workers',
        '1',
        '--out',
        p(`shard-${k}.json`),
      ],
      ctx,
    );
  }
  await main(
    [
      'verify-proofs',
      '--bundle',
      p('bundle'),
      '--workers',
      '1',
      '--format',
      'json',
      '--out',
      p('report.json'),
    ],
    captureContext(t),
  );
});
afterAll(async () => rm(t, { recursive: true, force: true }));

const snapshot = async (files: string[]) => Promise.all(files.map((f) => readFile(p(f))));

describe('--out never overwrites an input', () => {
  it.each([
    [
      'verify-proofs: a file inside the bundle',
      ['verify-proofs', '--bundle', 'bundle', '--out', 'bundle/records.jsonl'],
      ['bundle/records.jsonl'],
    ],
    [
      'verify-proofs: the bundle folder itself',
      ['verify-proofs', '--bundle', 'bundle', '--out', 'bundle'],
      ['bundle/manifest.json'],
    ],
    [
      'verify-proofs --shard: a file inside the bundle',
      ['verify-proofs', '--bundle', 'bundle', '--shard', '0/2', '--out', 'bundle/anchors.jsonl'],
      ['bundle/anchors.jsonl'],
    ],
    [
      'verify-proofs: the config file',
      ['verify-proofs', '--bundle', 'bundle', '--out', 'proofgate.config.json'],
      ['proofgate.config.json'],
    ],
    [
      'check-openapi: the candidate',
      ['check-openapi', '--base', 'base.yaml', '--candidate', 'candidate.yaml', '--out', 'candidate.yaml'],
      ['candidate.yaml'],
    ],
    [
      'check-openapi: a symlink to the candidate',
      ['check-openapi', '--base', 'base.yaml', '--candidate', 'candidate.yaml', '--out', 'link.yaml'],
      ['candidate.yaml'],
    ],
    [
      'check-openapi: the base via ./..',
      [
        'check-openapi',
        '--base',
        'base.yaml',
        '--candidate',
        'candidate.yaml',
        '--out',
        './bundle/../base.yaml',
      ],
      ['base.yaml'],
    ],
    [
      'compare: the AFTER report',
      ['compare', 'report.json', 'report.json', '--out', 'report.json'],
      ['report.json'],
    ],
    ['merge: a shard', ['merge', 'shard-0.json', 'shard-1.json', '--out', 'shard-1.json'], ['shard-1.json']],
    [
      'import: a bundle file (before any database work)',
      [
        'import',
        '--bundle',
        'bundle',
        '--database-url',
        'postgres://nobody@127.0.0.1:1/none',
        '--out',
        'bundle/manifest.json',
      ],
      ['bundle/manifest.json'],
    ],
    [
      'release-check: the env file',
      ['release-check', '--env-file', 'dev.env', '--contracts-dir', 'contract', '--out', 'dev.env'],
      ['dev.env'],
    ],
    [
      'verify-freeze: a frozen file',
      ['verify-freeze', '--dir', 'contract', '--out', 'contract/openapi.snapshot.sha256'],
      ['contract/openapi.snapshot.sha256'],
    ],
    [
      'conformance: the spec',
      [
        'conformance',
        '--spec',
        'candidate.yaml',
        '--base-url',
        'http://127.0.0.1:1',
        '--out',
        'candidate.yaml',
      ],
      ['candidate.yaml'],
    ],
    [
      'export: --report onto the config',
      [
        'export',
        '--database-url',
        'postgres://nobody@127.0.0.1:1/none',
        '--out',
        'exported',
        '--report',
        'proofgate.config.json',
      ],
      ['proofgate.config.json'],
    ],
  ])('%s: exit 2, input unchanged', async (_n, argv, kept) => {
    const before = await snapshot(kept);
    const ctx = captureContext(t);
    const code = await main(argv, ctx);
    expect(code).toBe(2);
    expect(ctx.stderrText()).toMatch(
      /ERR_USAGE: --(out|report) .* (is the input|is inside the input folder|is a folder holding the input) .*would destroy the command's own input/,
    );
    expect(await snapshot(kept)).toEqual(before);
  });

  it('an output beside the inputs, or a new report inside a bundle folder, is fine (control)', async () => {
    expect(
      await main(
        ['verify-proofs', '--bundle', 'bundle', '--workers', '1', '--out', 'bundle/verify.json'],
        captureContext(t),
      ),
    ).toBe(0);
    const ctx = captureContext(t);
    expect(
      await main(
        ['verify-proofs', '--bundle', 'bundle', '--workers', '1', '--format', 'json', '--out', 'verify.json'],
        ctx,
      ),
    ).toBe(0);
    expect(JSON.parse(await readFile(p('verify.json'), 'utf8'))).toMatchObject({ treeSize: 200 });
  });
});

describe('assertOutputsAreNotInputs: what counts as inside a folder', () => {
  it.each<[string, OutputPath, InputPath, RegExp | undefined]>([
    [
      'a file named ..x inside an input folder',
      { flag: '--out', path: 'bundle/..x' },
      'bundle',
      /is inside the input folder/,
    ],
    [
      'an output folder holding an input named ..x',
      { flag: '--out', path: 'bundle', dir: true },
      'bundle/..x',
      /is a folder holding the input/,
    ],
    [
      'a ../ escape out of the input folder',
      { flag: '--out', path: 'bundle/../x.json' },
      'bundle',
      undefined,
    ],
    [
      'a symlink into the input folder',
      { flag: '--out', path: 'linked/x.json' },
      'bundle',
      /is inside the input folder/,
    ],
  ])('%s', async (_n, output, input, want) => {
    await symlink(p('bundle'), p('linked')).catch(() => undefined);
    const run = () => assertOutputsAreNotInputs(t, [output], [input]);
    if (want === undefined) expect(run).not.toThrow();
    else expect(run).toThrow(want);
  });
});
