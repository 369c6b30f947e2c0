import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main } from '../cli/main.js';
import { packagePath } from '../paths.js';
import { captureContext } from '../testing/capture-context.js';

const PETS = readFileSync(new URL('./__fixtures__/team-petstore.yaml', import.meta.url), 'utf8');
const OTHER = readFileSync(new URL('./__fixtures__/other-contract.yaml', import.meta.url), 'utf8');

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A team repository with the given files. */
function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'pg-init-'));
  dirs.push(root);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  // The config init writes imports defineConfig from 'proofgate', as in a team's repository.
  mkdirSync(join(root, 'node_modules'), { recursive: true });
  symlinkSync(packagePath(), join(root, 'node_modules', 'proofgate'), 'dir');
  return root;
}

async function run(root: string, args: string[] = [], command = 'init') {
  const ctx = captureContext(root);
  const code = await main([command, ...args], ctx);
  return { code, out: ctx.stdoutText(), err: ctx.stderrText() };
}

/** Every file under root with its bytes (the repository's state). */
function tree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name === 'node_modules') continue;
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(root, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return out;
}

const asJson = (yamlText: string) => JSON.stringify(parse(yamlText), null, 2);

describe('proofgate init', () => {
  it.each([
    ['openapi.yaml', 'openapi.yaml', PETS],
    ['openapi.yml', 'openapi.yml', PETS],
    ['openapi.json', 'openapi.json', asJson(PETS)],
    ['api/openapi.yaml', 'api/openapi.yaml', PETS],
    ['openapi/openapi.json', 'openapi/openapi.json', asJson(PETS)],
    ['swagger.yaml', 'swagger.yaml', PETS],
    ['a deeper folder (services/pets/openapi.yaml)', 'services/pets/openapi.yaml', PETS],
  ])('finds the spec in %s, freezes it and writes a config the commands accept', async (_n, where, text) => {
    const root = repo({ [where]: text, 'README.md': '# pets\n' });
    const r = await run(root, ['--mjs']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`spec ${where}`);
    for (const f of ['openapi.yaml', 'openapi.snapshot.json', 'openapi.snapshot.sha256', 'types.ts'])
      expect(existsSync(join(root, 'contracts/v1', f)), f).toBe(true);
    const config = readFileSync(join(root, 'proofgate.config.mjs'), 'utf8');
    expect(config).toContain(`candidate: '${where}'`);
    expect(config).toContain('defineConfig');
    expect(existsSync(join(root, '.github/workflows/proofgate.yml'))).toBe(true);
    expect(existsSync(join(root, '.gitlab/proofgate.yml'))).toBe(true);
    // What init wrote is what the next commands read: the freeze is intact, the candidate matches it.
    expect(await run(root, [], 'verify-freeze')).toMatchObject({ code: 0, err: '' });
    expect(await run(root, [], 'check-openapi')).toMatchObject({ code: 0, err: '' });
  });

  it.each([
    ['neither', {}, [/no CHANGELOG\.md/, /no rollback plan/]],
    ['both', { 'CHANGELOG.md': '# c\n', 'docs/rollback.md': 'redeploy\n' }, []],
    ['ROLLBACK.md only', { 'ROLLBACK.md': 'redeploy\n' }, [/no CHANGELOG\.md/]],
  ])('says what release-class will ask for: %s', async (_n, files, want) => {
    const root = repo({ 'openapi.yaml': PETS, ...files });
    const r = await run(root, ['--mjs']);
    expect(r.code).toBe(0);
    const notes = r.out.split('\n').filter((l) => l.includes('note: no '));
    expect(notes).toHaveLength(want.length);
    want.forEach((w, i) => expect(notes[i]).toMatch(w));
  });

  it('names the other specs it found in a TODO and freezes the first (or --spec)', async () => {
    const root = repo({ 'openapi.yaml': PETS, 'admin/openapi.yaml': OTHER });
    expect((await run(root, ['--mjs', '--spec', 'admin/openapi.yaml'])).code).toBe(0);
    const config = readFileSync(join(root, 'proofgate.config.mjs'), 'utf8');
    expect(config).toContain("candidate: 'admin/openapi.yaml'");
    expect(config).toMatch(/TODO: init also found openapi\.yaml/);
  });

  it.each([
    ['no proof suite: the proof runner is switched off with a TODO', {}, false],
    ['a proof suite: the proof runner runs it', { 'tests/pets.proof.ts': 'export {};\n' }, true],
  ])('%s', async (_n, files, found) => {
    const root = repo({ 'openapi.yaml': PETS, ...files });
    expect((await run(root, ['--mjs'])).code).toBe(0);
    const config = readFileSync(join(root, 'proofgate.config.mjs'), 'utf8');
    expect(config.includes("runner: { always: ['*.proof.{ts,mts,js,mjs}'] }")).toBe(found);
    expect(config.includes("'proof-runner': { notApplicable: 'not configured yet (proofgate init)' }")).toBe(
      !found,
    );
    if (found) expect(config).toContain('init found tests/pets.proof.ts');
  });

  it.each([
    ['no spec anywhere', {}, [], /no OpenAPI spec found.*\n.*hint: pass --spec FILE/],
    ['a spec only under node_modules', { 'node_modules/x/openapi.yaml': PETS }, [], /no OpenAPI spec found/],
    [
      '--spec that does not exist',
      { 'openapi.yaml': PETS },
      ['--spec', 'nope.yaml'],
      /nope\.yaml does not exist/,
    ],
    ['an invalid spec', { 'openapi.yaml': 'openapi: 3.0.3\npaths: 7\n' }, [], /ERR_SPEC_INVALID|ERR_INPUT/],
  ])('%s is exit 2 with what to do, and writes nothing', async (_n, files, args, want) => {
    const root = repo(files);
    const before = tree(root);
    const r = await run(root, args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(want);
    expect(tree(root)).toEqual(before);
  });

  it.each([
    [
      'a package.json without scripts (4-space indent kept)',
      '{\n    "name": "pets",\n    "private": true\n}\n',
      '{\n    "name": "pets",\n    "private": true,\n    "scripts": {\n        "check:openapi": "proofgate check-openapi",\n        "test:prod-gate": "proofgate prod-gate"\n    }\n}\n',
      /next: npm run check:openapi, then npm run test:prod-gate/,
    ],
    [
      "the team's own check:openapi (kept, the other added)",
      '{\n  "name": "pets",\n  "scripts": {\n    "check:openapi": "make lint",\n    "test": "vitest"\n  }\n}',
      '{\n  "name": "pets",\n  "scripts": {\n    "check:openapi": "make lint",\n    "test": "vitest",\n    "test:prod-gate": "proofgate prod-gate"\n  }\n}',
      /note: package\.json already has a "check:openapi" script: left as is/,
    ],
    [
      'a package.json that is not JSON (left untouched)',
      '{ "name": ',
      '{ "name": ',
      /note: package\.json left as is \(not valid JSON/,
    ],
    [
      'a package.json with a member written twice (left untouched: a rewrite would drop one)',
      '{\n  "name": "pets",\n  "scripts": { "test": "a" },\n  "scripts": { "test": "b" }\n}\n',
      '{\n  "name": "pets",\n  "scripts": { "test": "a" },\n  "scripts": { "test": "b" }\n}\n',
      /note: package\.json left as is \("scripts" appears twice at line 4\)/,
    ],
  ])('adds the check:openapi and test:prod-gate scripts: %s', async (_n, before, after, says) => {
    const root = repo({ 'openapi.yaml': PETS, 'package.json': before });
    const r = await run(root, ['--mjs']);
    expect(r.code).toBe(0);
    expect(readFileSync(join(root, 'package.json'), 'utf8')).toBe(after);
    expect(r.out).toMatch(says);
    const again = await run(root, ['--mjs']);
    expect(readFileSync(join(root, 'package.json'), 'utf8')).toBe(after);
    expect(again.out).not.toMatch(/wrote package\.json/);
  });

  it('without a package.json: none is created, and the next step names npx', async () => {
    const root = repo({ 'openapi.yaml': PETS });
    const r = await run(root, ['--mjs']);
    expect(existsSync(join(root, 'package.json'))).toBe(false);
    expect(r.out).toMatch(/next: npx proofgate check-openapi/);
  });

  it('run twice: the second run keeps every file byte for byte and appends no .gitignore line', async () => {
    const root = repo({ 'openapi.yaml': PETS, '.gitignore': 'node_modules/' });
    expect((await run(root, ['--mjs'])).code).toBe(0);
    const first = tree(root);
    expect(first['.gitignore']).toBe(
      'node_modules/\n# proofgate\nproofgate-release/\n.proofgate/\nproofgate.sarif\n',
    );
    const again = await run(root, ['--mjs']);
    expect(again.code).toBe(0);
    expect(again.out).not.toMatch(/wrote/);
    expect(again.out).toMatch(/kept {2}proofgate\.config\.mjs/);
    expect(tree(root)).toEqual(first);
  });

  it('keeps a file the team edited, and --force replaces it', async () => {
    const root = repo({ 'openapi.yaml': PETS });
    expect((await run(root, ['--mjs'])).code).toBe(0);
    const file = join(root, 'proofgate.config.mjs');
    const written = readFileSync(file, 'utf8');
    writeFileSync(file, 'export default { openapi: { candidate: "openapi.yaml" } };\n');
    writeFileSync(join(root, '.github/workflows/proofgate.yml'), 'name: ours\n');
    expect((await run(root, ['--mjs'])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('"openapi.yaml"');
    expect(readFileSync(join(root, '.github/workflows/proofgate.yml'), 'utf8')).toBe('name: ours\n');
    const forced = await run(root, ['--mjs', '--force']);
    expect(forced.code).toBe(0);
    expect(forced.out).toMatch(/wrote proofgate\.config\.mjs/);
    expect(readFileSync(file, 'utf8')).toBe(written);
    expect(readFileSync(join(root, '.github/workflows/proofgate.yml'), 'utf8')).not.toBe('name: ours\n');
    expect(readFileSync(join(root, '.gitignore'), 'utf8').match(/proofgate-release\//g)).toHaveLength(1);
  });

  it.each([[[]], [['--force']]])(
    'an existing freeze of another contract is kept with a note (%j), and check-openapi reports the difference',
    async (extra) => {
      const root = repo({ 'openapi.yaml': PETS, 'old/openapi.yaml': OTHER });
      expect((await run(root, ['--spec', 'old/openapi.yaml', '--out', 'contracts/v1'], 'freeze')).code).toBe(
        0,
      );
      const frozen = tree(join(root, 'contracts'));
      const r = await run(root, ['--mjs', '--spec', 'openapi.yaml', ...extra]);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/note: contracts\/v1 already freezes another contract: left as is/);
      expect(tree(join(root, 'contracts'))).toEqual(frozen);
      expect((await run(root, [], 'check-openapi')).code).toBe(1);
    },
  );

  it('a tampered freeze of the same contract is left for verify-freeze to report (no silent repair)', async () => {
    const root = repo({ 'openapi.yaml': PETS });
    expect((await run(root, ['--mjs'])).code).toBe(0);
    const types = join(root, 'contracts/v1/types.ts');
    writeFileSync(types, '// edited\n');
    expect((await run(root, ['--mjs'])).code).toBe(0);
    expect(readFileSync(types, 'utf8')).toBe('// edited\n');
    expect((await run(root, [], 'verify-freeze')).code).toBe(1);
  });

  it('--ts writes proofgate.config.ts typed with defineConfig', async () => {
    const root = repo({ 'openapi.yaml': PETS });
    expect((await run(root, ['--ts'])).code).toBe(0);
    expect(readFileSync(join(root, 'proofgate.config.ts'), 'utf8')).toMatch(
      /^\/\/ proofgate\.config\.ts[^\n]*\n(\/\/[^\n]*\n)*import { defineConfig } from 'proofgate';/,
    );
    expect(existsSync(join(root, 'proofgate.config.mjs'))).toBe(false);
  });
});
