import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonFile as readBundleJson } from '../bundle/read-json-file.js';
import { main } from '../cli/main.js';
import { InputError, type ErrorCode } from '../errors/index.js';
import { buildFreeze, verifyFreeze } from '../freeze/index.js';
import { packagePath } from '../paths.js';
import { readJsonFile } from '../migrations/read-json.js';
import { diffSpecs, verdictOf } from '../snapshots/index.js';
import { captureContext } from '../testing/capture-context.js';
import { checkOpenApi, findDuplicateKey, loadSpec, type LoadSpecOptions } from './index.js';
import { fragmentKind } from './validate-document.js';

// The spec-loading part of the fault suite (issue 14): every bad input here once ended in PASS,
// a crash or an out-of-memory kill. Fixtures live in fixtures/faults/openapi/.
const fault = (...p: string[]) => packagePath('fixtures', 'faults', 'openapi', ...p);
const DATE = '2026-11-21';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'proofgate-openapi-faults-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function loadError(file: string, options?: LoadSpecOptions): Promise<InputError> {
  try {
    await loadSpec(file, options);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error(`${file} loaded, but an error was expected`);
}

describe('same-document $ref written with the file name', () => {
  const diff = async (candidate: string) => {
    const [a, b] = await Promise.all([
      loadSpec(fault('self-ref', 'base', 'openapi.yaml')),
      loadSpec(fault('self-ref', candidate, 'openapi.yaml')),
    ]);
    return diffSpecs(a.doc, b.doc, { date: DATE });
  };

  it.each([['file'], ['dot']])('%s/: the same breaking changes as the #/ form', async (candidate) => {
    const want = await diff('hash');
    expect(verdictOf(want)).toBe('breaking');
    expect(want.map((c) => c.id)).toEqual(
      expect.arrayContaining(['request-parameter-became-required', 'response-property-type-changed']),
    );
    const got = await diff(candidate);
    expect(got).toEqual(want);
  });

  it('the loaded document holds only #/ pointers', async () => {
    const { doc } = await loadSpec(fault('self-ref', 'file', 'openapi.yaml'));
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]*)"/g)].map((m) => m[1]);
    expect(refs).toEqual(['#/components/parameters/Limit', '#/components/schemas/Items']);
  });
});

describe('invalid UTF-8 is refused, never replaced', () => {
  it.each<[string, { code: ErrorCode; message: RegExp }]>([
    [
      'base.yaml',
      {
        code: 'ERR_SPEC_PARSE',
        message: /base\.yaml: not valid UTF-8: byte 0xff at byte offset 145 \(line 8\)/,
      },
    ],
    ['candidate.yaml', { code: 'ERR_SPEC_PARSE', message: /byte 0xfe at byte offset 145/ }],
    ['truncated.json', { code: 'ERR_SPEC_PARSE', message: /byte 0xc3 at byte offset 90 \(line 1\)/ }],
    ['overlong.yaml', { code: 'ERR_SPEC_PARSE', message: /byte 0xc0 at byte offset 31 \(line 2\)/ }],
  ])('%s', async (name, want) => {
    const e = await loadError(fault('invalid-utf8', name));
    expect(e.code).toBe(want.code);
    expect(e.message).toMatch(want.message);
  });

  it('check-openapi: enum values differing only in invalid bytes are exit 2, not 0 changes', async () => {
    const ctx = captureContext();
    const args = [
      '--base',
      fault('invalid-utf8', 'base.yaml'),
      '--candidate',
      fault('invalid-utf8', 'candidate.yaml'),
    ];
    expect(await main(['check-openapi', ...args, '--date', DATE], ctx)).toBe(2);
    expect(ctx.stdoutText()).toBe('');
    expect(ctx.stderrText()).toMatch(
      /ERR_SPEC_PARSE: .*base\.yaml: not valid UTF-8: byte 0xff at byte offset 145/,
    );
  });

  it('freeze copies the spec byte for byte (BOM and non-ASCII kept) and refuses invalid bytes', async () => {
    const spec = join(tmp, 'bom.yaml');
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from("openapi: 3.0.3\ninfo: { title: Caf\u00e9 \u2603, version: '1' }\npaths: {}\n"),
    ]);
    await writeFile(spec, bytes);
    expect(Buffer.from((await buildFreeze(spec)).spec).equals(bytes)).toBe(true);
    const ctx = captureContext();
    const out = join(tmp, 'frozen-bad');
    expect(await main(['freeze', '--spec', fault('invalid-utf8', 'base.yaml'), '--out', out], ctx)).toBe(2);
    expect(ctx.stderrText()).toMatch(/ERR_SPEC_PARSE: .*base\.yaml: not valid UTF-8: .*byte offset 145/);
  });

  it('verify-freeze fails once an invalid byte is edited into a comment of the frozen spec', async () => {
    const dir = join(tmp, 'v1-utf8');
    await cp(packagePath('contracts', 'v1'), dir, { recursive: true });
    const file = join(dir, 'openapi.yaml');
    const before = await readFile(file);
    await writeFile(file, Buffer.concat([before, Buffer.from('# edited: caf\xe9\n', 'latin1')]));
    await expect(verifyFreeze(dir, { displayDir: 'contracts/v1' })).rejects.toMatchObject({
      code: 'ERR_INPUT',
      message: expect.stringMatching(
        new RegExp(
          `contracts/v1/openapi\\.yaml: not valid UTF-8: byte 0xe9 at byte offset ${before.length + 13}`,
        ),
      ),
    });
    const ctx = captureContext();
    expect(await main(['verify-freeze', '--dir', dir], ctx)).toBe(2);
  });

  it('an accepted-exceptions file with an invalid byte is refused', async () => {
    const file = join(tmp, 'exceptions.yaml');
    await writeFile(file, Buffer.from('exceptions: []\n# \xff\n', 'latin1'));
    await expect(
      checkOpenApi({
        base: packagePath('fixtures', 'openapi', 'good', 'petstore.yaml'),
        candidate: packagePath('fixtures', 'openapi', 'good', 'petstore.yaml'),
        exceptions: file,
        date: DATE,
      }),
    ).rejects.toMatchObject({ code: 'ERR_EXCEPTIONS', message: expect.stringMatching(/byte offset 17/) });
  });
});

describe('duplicate keys in JSON are refused, not last-one-wins', () => {
  it.each<[string, { message: RegExp; pointer: string }]>([
    [
      'spec.json',
      {
        message: /duplicate key "200" at line 9, column 11: a JSON object must not name a member twice/,
        pointer: '/paths/~1a/get/responses',
      },
    ],
    ['escaped.json', { message: /duplicate key "x-a" at line 1, column 104/, pointer: '' }],
  ])('%s', async (name, want) => {
    const e = await loadError(fault('duplicate-keys', name));
    expect(e.code).toBe('ERR_SPEC_PARSE');
    expect(e.message).toMatch(want.message);
    expect(e.pointer).toBe(want.pointer);
  });

  it.each<[string, { key: string; pointer: string } | undefined]>([
    ['{"a":1,"b":2}', undefined],
    ['[{"a":1},{"a":1}]', undefined],
    ['{"a":{"a":1}}', undefined],
    ['{"a":"\\\\","b":"\\"","a":3}', { key: 'a', pointer: '' }],
    ['{"x\\"y":1,"x\\u0022y":2}', { key: 'x"y', pointer: '' }],
    ['{"a":{"b":[1,{"c":1,"c":2}]}}', { key: 'c', pointer: '/a/b/1' }],
    ['{"p":{"a/b~":{"k":1,"k":1}}}', { key: 'k', pointer: '/p/a~1b~0' }],
  ])('findDuplicateKey(%s)', (text, want) => {
    JSON.parse(text);
    const got = findDuplicateKey(text);
    expect(got && { key: got.key, pointer: got.pointer }).toEqual(want);
  });

  it('an exceptions file and a JSON manifest are refused the same way', async () => {
    const petstore = packagePath('fixtures', 'openapi', 'good', 'petstore.yaml');
    await expect(
      checkOpenApi({
        base: petstore,
        candidate: petstore,
        exceptions: fault('duplicate-keys', 'exceptions.json'),
        date: DATE,
      }),
    ).rejects.toMatchObject({
      code: 'ERR_EXCEPTIONS',
      message: expect.stringMatching(/duplicate key "exceptions"/),
    });
    await expect(
      readJsonFile(fault('duplicate-keys', 'spec.json'), 'the release artifact'),
    ).rejects.toMatchObject({
      code: 'ERR_RELEASE',
      message: expect.stringMatching(
        /#\/paths\/~1a\/get\/responses: the release artifact names the member "200" twice/,
      ),
    });
  });

  it('a proof bundle manifest.json is refused the same way', async () => {
    const file = join(tmp, 'manifest.json');
    await writeFile(file, '{"format":"proofgate-bundle/1","origin":"a","origin":"b","noteKeys":[]}\n');
    await expect(readBundleJson(file)).rejects.toMatchObject({
      code: 'ERR_BUNDLE',
      message: expect.stringMatching(/names the member "origin" twice/),
    });
  });

  it('check-openapi exits 2 naming the key', async () => {
    const ctx = captureContext();
    const spec = fault('duplicate-keys', 'spec.json');
    expect(await main(['check-openapi', '--base', spec, '--candidate', spec, '--date', DATE], ctx)).toBe(2);
    expect(ctx.stderrText()).toMatch(
      /ERR_SPEC_PARSE: .*spec\.json #\/paths\/~1a\/get\/responses: duplicate key "200"/,
    );
  });
});

// Hostile YAML is generated here, never committed: the expanded forms run to gigabytes.
const HEAD = "openapi: 3.0.3\ninfo: { title: Hostile, version: '1' }\npaths: {}\n";

async function hostile(name: string, text: string): Promise<string> {
  const file = join(tmp, name);
  await writeFile(file, text);
  return file;
}

describe('YAML aliases: the expanded size is budgeted, not only the alias count', () => {
  it.each<[string, () => string]>([
    // 200 KB × 5000 = 1 GB expanded: under the alias count (5000 < 10 000), it ran out of memory.
    [
      'a long string aliased 5000 times',
      () => `${HEAD}x-a: &a "${'x'.repeat(200_000)}"\nx-list:\n${'  - *a\n'.repeat(5000)}`,
    ],
    [
      'a 2000-key map aliased 9000 times',
      () => {
        let map = '';
        for (let i = 0; i < 2000; i++) map += `  key${i}: value${i}\n`;
        return `${HEAD}x-m: &m\n${map}x-list: [${Array(9000).fill('*m').join(', ')}]\n`;
      },
    ],
  ])('%s: exit 2, ERR_SPEC_ALIAS_BOMB', async (name, text) => {
    const e = await loadError(await hostile(`${name.replace(/\W+/g, '-')}.yaml`, text()));
    expect(e.code).toBe('ERR_SPEC_ALIAS_BOMB');
    expect(e.message).toMatch(/YAML aliases expand the document past 52428800 bytes \(openapi\.maxBytes\)/);
  });

  it('a few aliases of small nodes still load', async () => {
    const file = await hostile(
      'few-aliases.yaml',
      `${HEAD}x-a: &a { k: "${'x'.repeat(1000)}" }\nx-b: [*a, *a, *a]\n`,
    );
    const { doc } = await loadSpec(file);
    expect((doc['x-b'] as unknown[]).length).toBe(3);
  });

  it('the budget follows openapi.maxBytes', async () => {
    const file = await hostile(
      'budget.yaml',
      `${HEAD}x-a: &a "${'x'.repeat(1000)}"\nx-b: [${Array(20).fill('*a').join(',')}]\n`,
    );
    expect((await loadError(file, { maxBytes: 10_000 })).code).toBe('ERR_SPEC_ALIAS_BOMB');
    await expect(loadSpec(file, { maxBytes: 100_000 })).resolves.toBeDefined();
  });

  // The parser's own unique-key check compared every key with every other (40 000 keys: minutes).
  it(
    'a map with 40 000 keys loads in one pass, and a repeated key is still refused',
    { timeout: 60_000 },
    async () => {
      let map = '';
      for (let i = 0; i < 40_000; i++) map += `  key${i}: ${i}\n`;
      const ok = await hostile('wide.yaml', `${HEAD}x-wide:\n${map}`);
      expect(Object.keys((await loadSpec(ok)).doc['x-wide'] as object).length).toBe(40_000);
      const dup = await hostile('wide-dup.yaml', `${HEAD}x-wide:\n${map}  key7: again\n`);
      const e = await loadError(dup);
      expect(e.code).toBe('ERR_SPEC_PARSE');
      expect(e.message).toMatch(
        /invalid YAML at line 40005, column 3: Map keys must be unique \("key7" is repeated\)/,
      );
    },
  );
});

describe('deep nesting is refused at load (exit 2), never a stack overflow', () => {
  const schema = (levels: number) => {
    let s = '{"type":"string"}';
    for (let i = 0; i < levels; i++) s = `{"type":"object","properties":{"p":${s}}}`;
    return s;
  };
  it.each<[string, string, string, RegExp]>([
    [
      'a 400-level schema (JSON)',
      'deep-schema.json',
      `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},"components":{"schemas":{"D":${schema(400)}}}}`,
      /#\/components\/schemas\/D\/properties\/p\/.*\/…: nested deeper than 256 levels/,
    ],
    [
      '10 000 nested arrays in an extension (JSON)',
      'deep-arrays.json',
      `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},"x-d":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
      /#\/x-d: nested deeper than 256 levels/,
    ],
    [
      '10 000 nested flow sequences (YAML)',
      'deep-flow.yaml',
      `${HEAD}x-d: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
      /deep-flow\.yaml: nested deeper than 256 levels \(at line 4\)/,
    ],
    [
      '10 000 nested flow mappings (YAML)',
      'deep-flow-map.yaml',
      `${HEAD}x-d: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`,
      /nested deeper than 256 levels \(at line 4\)/,
    ],
    [
      '1000 nested block mappings (YAML)',
      'deep-block.yaml',
      HEAD + Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}k:\n`).join(''),
      /nested deeper than 256 levels \(at line 260\)/,
    ],
    [
      '1000 compact sequences (YAML)',
      'deep-compact.yaml',
      `${HEAD}x-d:\n${'- '.repeat(1000)}x\n`,
      /nested deeper than 256 levels \(at line 5\)/,
    ],
  ])('%s', async (_name, file, text, message) => {
    const e = await loadError(await hostile(file, text));
    expect(e.code).toBe('ERR_SPEC_TOO_LARGE');
    expect(e.message).toMatch(message);
  });

  it('brackets in quotes, comments and plain words do not count as nesting', async () => {
    const text = `${HEAD}x-a: "${'['.repeat(1000)}"\nx-b: '${'{'.repeat(1000)}'\n# ${'['.repeat(1000)}\nx-c: it's ${'['.repeat(10)}\nx-d: [[[1]]]\n`;
    const { doc } = await loadSpec(await hostile('brackets.yaml', text));
    expect(doc['x-d']).toEqual([[[1]]]);
  });

  it('freeze: a long chain of $ref-nested schemas is exit 2 with a clear message, not an internal error', async () => {
    const schemas: Record<string, unknown> = {};
    for (let i = 0; i < 1000; i++) {
      schemas[`S${i}`] =
        i === 999
          ? { type: 'string' }
          : { type: 'object', properties: { p: { $ref: `#/components/schemas/S${i + 1}` } } };
    }
    const spec = {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {
        '/a': {
          get: {
            responses: {
              200: {
                description: 'x',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/S0' } } },
              },
            },
          },
        },
      },
      components: { schemas },
    };
    const file = await hostile('chain.json', JSON.stringify(spec));
    const ctx = captureContext();
    expect(await main(['freeze', '--spec', file, '--out', join(tmp, 'chain-out')], ctx)).toBe(2);
    expect(ctx.stderrText()).toMatch(
      /ERR_SPEC_TOO_LARGE: .*chain\.json: nests too deeply for openapi-typescript \(the stack ran out\)/,
    );
    expect(ctx.stderrText()).not.toMatch(/internal error/);
  });
});

describe('an invalid OpenAPI document is refused before any diff', () => {
  const inv = (f: string) => fault('invalid-openapi', f);
  it.each<[string, { message: RegExp; pointer: string }]>([
    [
      'parameter-without-in.yaml',
      {
        message: /not a valid OpenAPI 3\.0 document: the required field `in` is missing/,
        pointer: '/paths/~1items~1{id}/get/parameters/1',
      },
    ],
    [
      'path-parameter-not-required.yaml',
      {
        message: /not a valid OpenAPI 3\.0 document: the required field `required` is missing/,
        pointer: '/paths/~1items~1{id}/get/parameters/0',
      },
    ],
    [
      'type-objekt.yaml',
      {
        message: /not a valid OpenAPI 3\.0 document: must be one of "array", .*"object", "string"/,
        pointer: '/components/schemas/Item/type',
      },
    ],
    [
      'required-string.yaml',
      {
        message: /not a valid OpenAPI 3\.0 document: must be array/,
        pointer: '/components/schemas/Item/required',
      },
    ],
    [
      'response-without-description-31.yaml',
      {
        message: /not a valid OpenAPI 3\.1 document: the required field `description` is missing/,
        pointer: '/paths/~1items~1{id}/get/responses/200',
      },
    ],
    [
      'type-objekt-31.yaml',
      {
        message: /not a valid OpenAPI 3\.1 document: must be one of "array", .*"object", "string"/,
        pointer: '/components/schemas/Item/type',
      },
    ],
    [
      'required-string-31.yaml',
      {
        message: /not a valid OpenAPI 3\.1 document: must be array/,
        pointer: '/components/schemas/Item/required',
      },
    ],
  ])('%s', async (name, want) => {
    const e = await loadError(inv(name));
    expect(e.code).toBe('ERR_SPEC_INVALID');
    expect(e.message).toMatch(want.message);
    expect(e.pointer).toBe(want.pointer);
  });

  it.each([['base-30.yaml'], ['base-31.yaml']])('%s (the valid original) loads', async (name) => {
    await expect(loadSpec(inv(name))).resolves.toBeDefined();
  });

  it('check-openapi: exit 2 with the pointer, as candidate and as base', async () => {
    for (const [base, candidate, bad] of [
      [inv('base-30.yaml'), inv('parameter-without-in.yaml'), 'parameter-without-in.yaml'],
      [inv('type-objekt-31.yaml'), inv('base-31.yaml'), 'type-objekt-31.yaml'],
    ] as const) {
      const ctx = captureContext();
      expect(
        await main(['check-openapi', '--base', base, '--candidate', candidate, '--date', DATE], ctx),
      ).toBe(2);
      expect(ctx.stdoutText()).toBe('');
      expect(ctx.stderrText()).toMatch(
        new RegExp(`ERR_SPEC_INVALID: .*${bad.replace('.', '\\.')} #/.*: not a valid OpenAPI`),
      );
    }
  });

  it('a schema in a file pulled in by $ref is validated where it is referenced as a schema', async () => {
    const e = await loadError(fault('external-invalid', 'openapi.yaml'));
    expect(e.code).toBe('ERR_SPEC_INVALID');
    expect(e.file).toMatch(/external-invalid\/schemas\/item\.yaml$/);
    expect(e.pointer).toBe('/Item/properties/tags/items/type');
    expect(e.message).toMatch(
      /not a valid OpenAPI 3\.0 schema \(referenced from .*openapi\.yaml #\/paths\/~1items\/get\/responses\/200\/content\/application~1json\/schema\/\$ref\): must be one of/,
    );
  });

  it.each<[string[], string | undefined]>([
    [['paths', '/a', 'get', 'parameters', '0', '$ref'], 'parameter'],
    [['components', 'parameters', 'Limit', '$ref'], 'parameter'],
    [['components', 'schemas', 'Pet', '$ref'], 'schema'],
    [['Pet', 'properties', 'parameters', '$ref'], 'schema'],
    [['Pet', 'allOf', '1', '$ref'], 'schema'],
    [['paths', '/a', 'get', 'responses', '200', '$ref'], 'response'],
    [['paths', '/a', 'post', 'requestBody', '$ref'], 'requestBody'],
    [['paths', '/a', 'get', 'responses', '200', 'headers', 'X-Rate', '$ref'], 'header'],
    [['paths', '/a', '$ref'], undefined],
  ])('fragmentKind(%j) = %s', (segments, kind) => {
    expect(fragmentKind(segments)).toBe(kind);
  });

  it('a 3.1 document with its own JSON Schema dialect: its Schema Objects are not judged by 2020-12', async () => {
    const text = (await readFile(inv('type-objekt-31.yaml'), 'utf8')).replace(
      'openapi: 3.1.0\n',
      'openapi: 3.1.0\njsonSchemaDialect: https://example.com/my-dialect\n',
    );
    await expect(loadSpec(await hostile('own-dialect.yaml', text))).resolves.toBeDefined();
  });
});
