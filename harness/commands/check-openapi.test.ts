import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { PACKAGE_ROOT, packagePath } from '../paths.js';
import { FORMATS } from '../report/types.js';
import { captureContext } from '../testing/capture-context.js';
import { corpusPath, hasCorpus } from '../testing/corpus.js';

const fx = (...p: string[]) => packagePath('fixtures', 'openapi', ...p);
const BASE = fx('good', 'petstore.yaml');
const DATE = ['--date', '2026-11-21'];

async function run(args: string[], cwd = PACKAGE_ROOT) {
  const ctx = captureContext(cwd);
  const code = await main(['check-openapi', ...args], ctx);
  return { code, out: ctx.stdoutText(), err: ctx.stderrText() };
}

async function json(args: string[]) {
  const r = await run([...args, '--format', 'json', '--deterministic', ...DATE]);
  return { ...r, body: JSON.parse(r.out) as Record<string, any> };
}

describe('check-openapi: exit codes in every format', () => {
  const cases = FORMATS.flatMap((format) => [
    [`${format}: non-breaking`, { format, candidate: fx('pairs', 'non-breaking.yaml'), want: 0 }] as const,
    [`${format}: additive`, { format, candidate: fx('pairs', 'additive.yaml'), want: 0 }] as const,
    [`${format}: breaking`, { format, candidate: fx('pairs', 'breaking.yaml'), want: 1 }] as const,
    [`${format}: invalid candidate`, { format, candidate: fx('bad', 'malformed.yaml'), want: 2 }] as const,
  ]);
  it.each(cases)('%s', async (_name, { format, candidate, want }) => {
    const r = await run(['--base', BASE, '--candidate', candidate, '--format', format, ...DATE]);
    expect(r.code).toBe(want);
    if (want === 2) {
      expect(r.out).toBe('');
      expect(r.err).toMatch(/error ERR_SPEC_PARSE: .*malformed\.yaml: invalid YAML at line/);
    } else expect(r.out.length).toBeGreaterThan(0);
    if (want === 1) expect(r.out).toMatch(/response-required-property-removed/);
  });
});

describe('check-openapi: report content', () => {
  it('JSON body is exactly {verdict, changes, date} + digest, changes with the six fields', async () => {
    const { code, body } = await json(['--base', BASE, '--candidate', fx('pairs', 'breaking.yaml')]);
    expect(code).toBe(1);
    expect(Object.keys(body)).toEqual(['verdict', 'changes', 'date', 'digest']);
    expect(body.verdict).toBe('breaking');
    expect(body.date).toBe('2026-11-21');
    expect(body.changes.length).toBeGreaterThan(0);
    for (const c of body.changes)
      expect(Object.keys(c)).toEqual(['id', 'class', 'path', 'method', 'pointer', 'message']);
    expect(body.changes).toContainEqual(
      expect.objectContaining({
        id: 'response-required-property-removed',
        class: 'breaking',
        path: '/pets/{petId}',
        method: 'GET',
        pointer: '/components/schemas/Pet/properties/name',
      }),
    );
  });

  it('additive verdict for a new endpoint and an optional response property', async () => {
    const { code, body } = await json(['--base', BASE, '--candidate', fx('pairs', 'additive.yaml')]);
    expect(code).toBe(0);
    expect(body.verdict).toBe('additive');
    expect(body.changes.map((c: { id: string }) => c.id)).toContain('endpoint-added');
  });

  it.each([
    [
      'YAML vs JSON of the same spec (keys reordered)',
      { base: fx('good', 'petstore.yaml'), candidate: fx('good', 'petstore.json') },
    ],
    [
      'multi-file spec vs the same API inline with renamed components',
      { base: fx('refs', 'openapi.yaml'), candidate: fx('refs', 'inline.yaml') },
    ],
  ])('%s is non-breaking with no changes', async (_name, { base, candidate }) => {
    const { code, body } = await json(['--base', base, '--candidate', candidate]);
    expect(code).toBe(0);
    expect(body).toMatchObject({ verdict: 'non-breaking', changes: [] });
  });

  it('text output is grouped by operation', async () => {
    const r = await run(['--base', BASE, '--candidate', fx('pairs', 'breaking.yaml'), ...DATE]);
    expect(r.out).toMatch(/^FAIL {2}API contract check: breaking — 3 changes/);
    expect(r.out).toMatch(/\n\nGET \/pets\n {2}✖ response-required-property-removed \[breaking\]/);
    expect(r.out).toMatch(/\n\nGET \/pets\/\{petId\}\n {2}✖ /);
  });

  it('JSON is byte-identical across runs; timings only without --deterministic and outside the digest', async () => {
    const args = ['--base', BASE, '--candidate', fx('pairs', 'breaking.yaml'), '--format', 'json', ...DATE];
    const a = await run([...args, '--deterministic']);
    const b = await run([...args, '--deterministic']);
    expect(b.out).toBe(a.out);
    const timed = JSON.parse((await run(args)).out) as Record<string, unknown>;
    expect(timed.timings).toBeDefined();
    expect(timed.digest).toBe((JSON.parse(a.out) as Record<string, unknown>).digest);
  });
});

describe('check-openapi: --out, config and defaults', () => {
  let dir: string;
  let empty: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'proofgate-check-openapi-'));
    empty = join(dir, 'empty');
    await mkdir(empty);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('--out writes the report atomically and prints a one-line summary', async () => {
    const out = join(dir, 'reports', 'openapi.json');
    const args = [
      '--base',
      BASE,
      '--candidate',
      fx('pairs', 'breaking.yaml'),
      '--format',
      'json',
      '--deterministic',
      ...DATE,
    ];
    const r = await run([...args, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^FAIL {2}API contract check: breaking/);
    expect(r.out).toContain(`report written to ${out}`);
    expect(await readFile(out, 'utf8')).toBe((await run(args)).out);
    expect(await readdir(join(dir, 'reports'))).toEqual(['openapi.json']); // no temp file left behind
  });

  it('reads base, candidate and limits from the config, relative to the config file', async () => {
    await writeFile(
      join(dir, 'proofgate.config.json'),
      JSON.stringify({ openapi: { base: BASE, candidate: fx('pairs', 'additive.yaml') } }),
    );
    const r = await run(['--format', 'json', '--deterministic', ...DATE], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ verdict: 'additive' });
    await writeFile(
      join(dir, 'small.json'),
      JSON.stringify({ openapi: { base: BASE, candidate: BASE, maxBytes: 200 } }),
    );
    const small = await run(['--config', 'small.json', ...DATE], dir);
    expect(small.code).toBe(2);
    expect(small.err).toMatch(/ERR_SPEC_TOO_LARGE/);
    // petstore.yaml has no aliases; the shared-anchor spec needs one alias expansion.
    await writeFile(
      join(dir, 'aliases.yaml'),
      "openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    A: &a { type: string }\n    B: *a\n",
    );
    await writeFile(join(dir, 'noalias.json'), JSON.stringify({ openapi: { maxAliases: 0 } }));
    const noAlias = await run(
      ['--config', 'noalias.json', '--base', BASE, '--candidate', 'aliases.yaml', ...DATE],
      dir,
    );
    expect(noAlias.code).toBe(2);
    expect(noAlias.err).toMatch(
      /ERR_SPEC_ALIAS_BOMB: aliases\.yaml: YAML aliases expand beyond the limit of 0/,
    );
    await writeFile(join(dir, 'badlimit.json'), JSON.stringify({ openapi: { maxBytes: 'big' } }));
    const badLimit = await run(
      ['--config', 'badlimit.json', '--base', BASE, '--candidate', BASE, ...DATE],
      dir,
    );
    expect(badLimit.code).toBe(2);
    expect(badLimit.err).toMatch(/ERR_CONFIG: .*openapi\.maxBytes: must be a whole number >= 1/);
  });

  it.each([
    ['unknown flag', { args: ['--bogus'], want: /ERR_USAGE/ }],
    [
      'impossible --date',
      {
        args: ['--base', BASE, '--candidate', BASE, '--date', '2026-02-30'],
        want: /ERR_USAGE: --date takes a real date/,
      },
    ],
    [
      'unknown --format',
      { args: ['--base', BASE, '--candidate', BASE, '--format', 'xml'], want: /ERR_USAGE: unknown --format/ },
    ],
    ['positional argument', { args: [BASE], want: /ERR_USAGE/ }],
    [
      'missing default base',
      {
        args: ['--candidate', BASE],
        want: /ERR_INPUT: .*no --base given and the default contracts\/v1\/openapi\.yaml does not exist/,
      },
    ],
    [
      'missing candidate file',
      { args: ['--base', BASE, '--candidate', 'nope.yaml'], want: /ERR_INPUT: nope\.yaml: file not found/ },
    ],
    [
      'Swagger 2.0 base',
      {
        args: ['--base', fx('bad', 'swagger2.yaml'), '--candidate', BASE],
        want: /ERR_SPEC_UNSUPPORTED: .*swagger2\.yaml #\/swagger: Swagger 2\.0 is not supported; proofgate reads OpenAPI 3\.0 and 3\.1\n {2}hint: convert it first: npx swagger2openapi/,
      },
    ],
    [
      'dangling $ref',
      {
        args: ['--base', BASE, '--candidate', fx('bad', 'dangling-ref.yaml')],
        want: /ERR_SPEC_REF: .*dangling-ref\.yaml #\/paths\/~1pets\/get\/responses\/200\/content\/application~1json\/schema\/\$ref: dangling/,
      },
    ],
    [
      'alias bomb',
      { args: ['--base', BASE, '--candidate', fx('bad', 'alias-bomb.yaml')], want: /ERR_SPEC_ALIAS_BOMB/ },
    ],
  ])('exit 2: %s', async (_name, { args, want }) => {
    const r = await run(args, empty);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(want);
  });

  it('defaults to contracts/v1/openapi.yaml vs fixtures/service/openapi.yaml in the working folder', async (ctx) => {
    if (
      !existsSync(packagePath('contracts', 'v1', 'openapi.yaml')) ||
      !existsSync(packagePath('fixtures', 'service', 'openapi.yaml'))
    ) {
      ctx.skip();
    }
    const r = await run(['--format', 'json', '--deterministic', ...DATE]);
    expect([0, 1]).toContain(r.code);
    expect(r.err).toBe('');
  });
});

describe('check-openapi: accepted exceptions', () => {
  const breaking = ['--base', BASE, '--candidate', fx('pairs', 'breaking.yaml')];

  it('applied: accepted breaking changes keep their class, the run passes, and every format prints the exception', async () => {
    const ex = ['--exceptions', fx('exceptions', 'accept-pet-name.yaml')];
    const { code, body } = await json([...breaking, ...ex]);
    expect(code).toBe(0);
    expect(body.verdict).toBe('non-breaking');
    expect(
      body.changes.every(
        (c: { class: string; exception?: unknown }) => c.class === 'breaking' && c.exception,
      ),
    ).toBe(true);
    expect(body.exceptions).toEqual([
      expect.objectContaining({
        id: 'response-required-property-removed',
        operation: 'GET /pets',
        status: 'applied',
        accepted: 1,
      }),
      expect.objectContaining({ operation: 'GET /pets/{petId}', status: 'applied', accepted: 1 }),
      expect.objectContaining({ id: 'response-envelope-changed', status: 'applied', accepted: 1 }),
    ]);
    for (const format of FORMATS) {
      const r = await run([...breaking, ...ex, '--format', format, ...DATE]);
      expect(r.code, format).toBe(0);
      expect(r.out, format).toMatch(/accepted/);
      if (format !== 'json') expect(r.out, format).toMatch(/response-envelope-changed/);
    }
  });

  it('partly accepted: the remaining breaking change still fails', async () => {
    const { code, body } = await json([
      ...breaking,
      '--exceptions',
      fx('exceptions', 'accept-pet-name.json'),
    ]);
    expect(code).toBe(1);
    expect(body.verdict).toBe('breaking');
    expect(body.changes.filter((c: { exception?: unknown }) => c.exception).length).toBe(1);
  });

  it.each([
    [
      'expired',
      {
        file: 'expired.yaml',
        want: 'exception-expired',
        message: /expired on 2025-06-30 \(compared on 2026-11-21\)/,
      },
    ],
    [
      'unused',
      {
        file: 'unused.yaml',
        want: 'exception-unused',
        message: /DELETE \/pets\/\{petId\} .* is unused: no change in this comparison matches it/,
      },
    ],
  ])('%s entries fail the run (exit 1)', async (_name, { file, want, message }) => {
    const { code, body } = await json([...breaking, '--exceptions', fx('exceptions', file)]);
    expect(code).toBe(1);
    expect(body.exceptions.map((e: { status: string }) => e.status)).toContain(
      want.replace('exception-', ''),
    );
    const text = await run([...breaking, '--exceptions', fx('exceptions', file), ...DATE]);
    expect(text.code).toBe(1);
    expect(text.out).toMatch(new RegExp(`✖ ${want} \\[exception\\]`));
    expect(text.out).toMatch(message);
  });

  it('an entry matching only a non-breaking change is unused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'proofgate-exc-'));
    try {
      const file = join(dir, 'ex.yaml');
      await writeFile(
        file,
        "exceptions:\n  - { id: endpoint-added, operation: 'GET /owners', pointer: /paths/~1owners/get, reason: r, approver: a, expires: '2099-01-01' }\n",
      );
      const { code, body } = await json([
        '--base',
        BASE,
        '--candidate',
        fx('pairs', 'additive.yaml'),
        '--exceptions',
        file,
      ]);
      expect(code).toBe(1);
      expect(body.verdict).toBe('additive');
      expect(body.exceptions[0]).toMatchObject({ status: 'unused' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a malformed exceptions file is exit 2 (ERR_EXCEPTIONS)', async () => {
    const r = await run([
      ...breaking,
      '--exceptions',
      fx('exceptions', 'malformed', 'bad-date.yaml'),
      ...DATE,
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/ERR_EXCEPTIONS: .*bad-date\.yaml #\/exceptions\/0\/expires/);
  });
});

describe('check-openapi: the Stripe pair from the shared corpus', () => {
  const present = hasCorpus('real', 'stripe-spec3-2021-10-08.json');
  it.skipIf(!present)('classifies 2021-10-08 → 2022-04-12 deterministically (verdict breaking)', async () => {
    const { code, body } = await json([
      '--base',
      corpusPath('real', 'stripe-spec3-2021-10-08.json'),
      '--candidate',
      corpusPath('real', 'stripe-spec3-2022-04-12.json'),
    ]);
    expect(code).toBe(1);
    expect(body.verdict).toBe('breaking');
    const ids = new Set(body.changes.map((c: { id: string }) => c.id));
    expect(ids).toContain('endpoint-added'); // 32 operations were added between the two
    expect(body.changes.filter((c: { id: string }) => c.id === 'endpoint-added').length).toBe(32);
  });
});
