import { mkdtemp, rm, symlink, writeFile, mkdir, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, type ErrorCode } from '../errors/index.js';
import { packagePath } from '../paths.js';
import { canonicalSnapshot, checkDocument, loadSpec, resolveRef, type LoadSpecOptions } from './index.js';

const fx = (...p: string[]) => packagePath('fixtures', 'openapi', ...p);

async function loadError(file: string, options?: LoadSpecOptions): Promise<InputError> {
  try {
    await loadSpec(file, options);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error(`${file} loaded, but an error was expected`);
}

describe('loadSpec: refused inputs', () => {
  it.each<
    [
      string,
      {
        given: string;
        options?: LoadSpecOptions;
        want: { code: ErrorCode; message: RegExp; pointer?: string };
      },
    ]
  >([
    [
      'missing file',
      { given: fx('bad', 'nope.yaml'), want: { code: 'ERR_INPUT', message: /file not found/ } },
    ],
    [
      'malformed YAML names the line',
      {
        given: fx('bad', 'malformed.yaml'),
        want: { code: 'ERR_SPEC_PARSE', message: /malformed\.yaml: invalid YAML at line \d+, column \d+/ },
      },
    ],
    [
      'malformed JSON names the line',
      {
        given: fx('bad', 'malformed.json'),
        want: { code: 'ERR_SPEC_PARSE', message: /malformed\.json: invalid JSON at line 5, column 1/ },
      },
    ],
    [
      'duplicate YAML key',
      {
        given: fx('bad', 'duplicate-key.yaml'),
        want: { code: 'ERR_SPEC_PARSE', message: /line 4, column 1: Map keys must be unique/ },
      },
    ],
    [
      'unsupported YAML type (!!binary)',
      {
        given: fx('bad', 'binary-tag.yaml'),
        want: {
          code: 'ERR_SPEC_INVALID',
          message: /#\/x-blob: a Uint8Array value is not JSON data|#\/x-blob: a Buffer value/,
          pointer: '/x-blob',
        },
      },
    ],
    [
      'alias bomb (billion laughs)',
      {
        given: fx('bad', 'alias-bomb.yaml'),
        want: { code: 'ERR_SPEC_ALIAS_BOMB', message: /aliases expand beyond the limit of 10000/ },
      },
    ],
    [
      'recursive alias',
      {
        given: fx('bad', 'alias-cycle.yaml'),
        want: {
          code: 'ERR_SPEC_ALIAS_BOMB',
          message: /own ancestor/,
          pointer: '/components/schemas/Loop/properties/self',
        },
      },
    ],
    [
      'over the size limit (checked before reading)',
      {
        given: fx('good', 'petstore.yaml'),
        options: { maxBytes: 100 },
        want: { code: 'ERR_SPEC_TOO_LARGE', message: /over the limit of 100 bytes/ },
      },
    ],
    [
      'Swagger 2.0',
      {
        given: fx('bad', 'swagger2.yaml'),
        want: { code: 'ERR_SPEC_UNSUPPORTED', message: /Swagger 2\.0 is not supported/, pointer: '/swagger' },
      },
    ],
    [
      'OpenAPI 3.2',
      {
        given: fx('bad', 'openapi-32.yaml'),
        want: {
          code: 'ERR_SPEC_UNSUPPORTED',
          message: /OpenAPI 3\.2\.0 is not supported/,
          pointer: '/openapi',
        },
      },
    ],
    [
      'unquoted version number',
      {
        given: fx('bad', 'unquoted-version.yaml'),
        want: { code: 'ERR_SPEC_INVALID', message: /must be a version string/, pointer: '/openapi' },
      },
    ],
    [
      'not an OpenAPI document',
      {
        given: fx('bad', 'not-openapi.yaml'),
        want: { code: 'ERR_SPEC_INVALID', message: /no `openapi` version field/, pointer: '' },
      },
    ],
    [
      'a list at the top level',
      {
        given: fx('bad', 'list.json'),
        want: { code: 'ERR_SPEC_INVALID', message: /top level is a list/, pointer: '' },
      },
    ],
    [
      'dangling internal ref names file and pointer',
      {
        given: fx('bad', 'dangling-ref.yaml'),
        want: {
          code: 'ERR_SPEC_REF',
          message:
            /dangling-ref\.yaml #\/paths\/~1pets\/get\/responses\/200\/content\/application~1json\/schema\/\$ref: dangling \$ref "#\/components\/schemas\/Missing"/,
          pointer: '/paths/~1pets/get/responses/200/content/application~1json/schema/$ref',
        },
      },
    ],
    [
      'remote ref, no network',
      {
        given: fx('bad', 'remote-ref.yaml'),
        want: {
          code: 'ERR_SPEC_REF',
          message: /remote \$ref "https:\/\/example\.com\/schemas\/pet\.yaml#\/Pet" refused/,
          pointer: '/components/schemas/Pet/$ref',
        },
      },
    ],
    [
      'file: URI ref',
      {
        given: fx('bad', 'file-scheme-ref.yaml'),
        want: { code: 'ERR_SPEC_REF', message: /uses a URI scheme/ },
      },
    ],
    [
      'missing referenced file',
      {
        given: fx('bad', 'missing-file-ref.yaml'),
        want: {
          code: 'ERR_SPEC_REF',
          message: /nope\.yaml not found/,
          pointer: '/components/schemas/Pet/$ref',
        },
      },
    ],
    [
      'plain-name fragment',
      {
        given: fx('bad', 'anchor-ref.yaml'),
        want: { code: 'ERR_SPEC_REF', message: /only JSON-pointer fragments/ },
      },
    ],
    [
      '../ escape',
      {
        given: fx('escape', 'spec', 'openapi.yaml'),
        want: {
          code: 'ERR_SPEC_REF',
          message: /leaves the spec's folder/,
          pointer: '/components/schemas/Secret/$ref',
        },
      },
    ],
    [
      'absolute path',
      {
        given: fx('escape', 'spec', 'absolute.yaml'),
        want: { code: 'ERR_SPEC_REF', message: /leaves the spec's folder/ },
      },
    ],
  ])('%s', async (_name, { given, options, want }) => {
    const e = await loadError(given, options);
    expect(e.code).toBe(want.code);
    expect(e.message).toMatch(want.message);
    expect(e.file).toBeDefined();
    if (want.pointer !== undefined) expect(e.pointer).toBe(want.pointer);
  });
});

describe('loadSpec: symlinks and external files in a temporary folder', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'proofgate-openapi-'));
    await mkdir(join(dir, 'spec'));
    await writeFile(join(dir, 'secret.yaml'), 'Secret: { type: string }\n');
    await symlink(join(dir, 'secret.yaml'), join(dir, 'spec', 'link.yaml'));
    await writeFile(
      join(dir, 'spec', 'openapi.yaml'),
      "openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    S: { $ref: 'link.yaml#/Secret' }\n",
    );
    await writeFile(join(dir, 'spec', 'big.yaml'), `X: "${'x'.repeat(400)}"\n`);
    await writeFile(
      join(dir, 'spec', 'sum.yaml'),
      "openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    S: { $ref: 'big.yaml#/X' }\n",
    );
    await writeFile(
      join(dir, 'spec', 'shared.yaml'),
      "openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    A: &a { type: object, properties: { b: { $ref: '#/components/schemas/B' } } }\n    B: { type: string }\n    C: *a\n",
    );
    await copyFile(fx('good', 'petstore.yaml'), join(dir, 'spec', 'petstore.yaml'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a symlink that leaves the folder', async () => {
    const e = await loadError(join(dir, 'spec', 'openapi.yaml'));
    expect(e.code).toBe('ERR_SPEC_REF');
    expect(e.message).toMatch(/resolves through a symlink to .*secret\.yaml, outside the spec's folder/);
    expect(e.pointer).toBe('/components/schemas/S/$ref');
  });

  it('counts the size limit over the spec and its referenced files together', async () => {
    const e = await loadError(join(dir, 'spec', 'sum.yaml'), { maxBytes: 420 });
    expect(e.code).toBe('ERR_SPEC_TOO_LARGE');
    expect(e.message).toMatch(
      /big\.yaml: \d+ bytes is over the limit of 420 bytes for the spec and its referenced files together/,
    );
  });

  it('un-shares YAML aliases into a tree and still rewrites nothing internal', async () => {
    const { doc } = await loadSpec(join(dir, 'spec', 'shared.yaml'));
    const schemas = (doc.components as { schemas: Record<string, unknown> }).schemas;
    expect(schemas.C).toEqual(schemas.A);
    expect(schemas.C).not.toBe(schemas.A);
  });
});

describe('loadSpec: accepted inputs', () => {
  it('loads OpenAPI 3.0 YAML and leaves $ref inside examples alone', async () => {
    const spec = await loadSpec(fx('good', 'petstore.yaml'));
    expect(spec.version).toBe('3.0');
    expect(spec.file).toBe(fx('good', 'petstore.yaml'));
    expect(resolveRef(spec.doc, '#/components/schemas/Pet')).toMatchObject({ required: ['id', 'name'] });
  });

  it('loads OpenAPI 3.1 with a self-referencing schema', async () => {
    const spec = await loadSpec(fx('good', 'minimal-31.yaml'));
    expect(spec.version).toBe('3.1');
  });

  it('YAML and JSON (keys in another order) give the same canonical snapshot', async () => {
    const [y, j] = await Promise.all([
      loadSpec(fx('good', 'petstore.yaml')),
      loadSpec(fx('good', 'petstore.json')),
    ]);
    expect(canonicalSnapshot(j.doc)).toBe(canonicalSnapshot(y.doc));
  });

  it('bundles external files inside the folder, with cycles across files, into internal refs', async () => {
    const spec = await loadSpec(fx('refs', 'openapi.yaml'));
    const text = canonicalSnapshot(spec.doc);
    const refs = [...text.matchAll(/"\$ref": "([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(5);
    for (const ref of refs) {
      expect(ref.startsWith('#/')).toBe(true);
      expect(resolveRef(spec.doc, ref)).toBeDefined();
    }
    expect(refs).toEqual(
      expect.arrayContaining([
        '#/x-proofgate-bundled/schemas~1pet.yaml/Pet',
        '#/x-proofgate-bundled/schemas~1pet.yaml/Owner',
        '#/x-proofgate-bundled/schemas~1tag.json/Tag',
        '#/x-proofgate-bundled/schemas~1params.yaml/PetId',
        '#/components/schemas/Error',
      ]),
    );
    expect(Object.keys(spec.doc['x-proofgate-bundled'] as object)).toEqual([
      'schemas/params.yaml',
      'schemas/pet.yaml',
      'schemas/tag.json',
    ]);
    // The snapshot is itself a loadable spec with the same canonical form (what `freeze` relies on).
    const dir = await mkdtemp(join(tmpdir(), 'proofgate-snap-'));
    try {
      await writeFile(join(dir, 'snapshot.json'), text);
      expect(canonicalSnapshot((await loadSpec(join(dir, 'snapshot.json'))).doc)).toBe(text);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('canonical snapshot: sorted keys, 2-space indent, trailing newline', () => {
    expect(canonicalSnapshot({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: null } })).toBe(
      '{\n  "a": {\n    "c": null,\n    "d": [\n      3,\n      {\n        "e": 2,\n        "f": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
    );
  });
});

describe('checkDocument (in-memory)', () => {
  const base = { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {} };
  it.each<[string, { given: unknown; want: ErrorCode | 'ok' }]>([
    [
      'valid',
      {
        given: { ...base, components: { schemas: { A: { $ref: '#/components/schemas/B' }, B: {} } } },
        want: 'ok',
      },
    ],
    [
      'dangling',
      {
        given: { ...base, components: { schemas: { A: { $ref: '#/components/schemas/C' } } } },
        want: 'ERR_SPEC_REF',
      },
    ],
    [
      'file ref',
      { given: { ...base, components: { schemas: { A: { $ref: 'a.yaml' } } } }, want: 'ERR_SPEC_REF' },
    ],
    ['swagger', { given: { swagger: '2.0' }, want: 'ERR_SPEC_UNSUPPORTED' }],
    ['NaN', { given: { ...base, 'x-n': Number.NaN }, want: 'ERR_SPEC_INVALID' }],
  ])('%s', (_name, { given, want }) => {
    if (want === 'ok') expect(checkDocument(given).version).toBe('3.1');
    else expect(() => checkDocument(given)).toThrow(expect.objectContaining({ code: want }));
  });
});
