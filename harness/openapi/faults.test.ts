import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { InputError, type ErrorCode } from '../errors/index.js';
import { buildFreeze, verifyFreeze } from '../freeze/index.js';
import { packagePath } from '../paths.js';
import { readJsonFile } from '../migrations/read-json.js';
import { diffSpecs, verdictOf } from '../snapshots/index.js';
import { captureContext } from '../testing/capture-context.js';
import { checkOpenApi, findDuplicateKey, loadSpec, type LoadSpecOptions } from './index.js';

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

  it('check-openapi exits 2 naming the key', async () => {
    const ctx = captureContext();
    const spec = fault('duplicate-keys', 'spec.json');
    expect(await main(['check-openapi', '--base', spec, '--candidate', spec, '--date', DATE], ctx)).toBe(2);
    expect(ctx.stderrText()).toMatch(
      /ERR_SPEC_PARSE: .*spec\.json #\/paths\/~1a\/get\/responses: duplicate key "200"/,
    );
  });
});
