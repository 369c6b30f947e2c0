// openapi-typescript's resolver (Redocly's) follows every `$ref` and `externalValue` it meets, data
// included, reading files or fetching URLs. A spec's example values must never make freeze read
// anything: each hostile value here names a trap file (or a live HTTP server) and the test asserts
// it was never touched, whatever the outcome.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../cli/main.js';
import { loadSpec } from '../openapi/index.js';
import { captureContext } from '../testing/capture-context.js';
import { generateTypes } from './generate-types.js';

// The CommonJS fs object: the one Redocly's resolver calls (an ESM namespace cannot be spied on).
const fs = createRequire(import.meta.url)('node:fs') as typeof import('node:fs');

let dir: string;
let trap: string;
let server: Server;
let url: string;
let requests = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'proofgate-types-'));
  trap = join(dir, 'trap.yaml');
  // A file that would change the output if it were read (a schema with a property of its own).
  await writeFile(trap, 'type: object\nproperties:\n  leaked: {type: string}\n');
  server = createServer((_req, res) => {
    requests++;
    res.end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/example.json`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await rm(dir, { recursive: true, force: true });
});

/** Every path openapi-typescript's resolver reads (it stats, then reads). */
const touched: string[] = [];
const readFile = fs.promises.readFile;
const lstatSync = fs.lstatSync;
function watchReads(): void {
  vi.restoreAllMocks();
  vi.spyOn(fs.promises, 'readFile').mockImplementation(((p: string, ...rest: never[]) => {
    touched.push(String(p));
    return readFile.call(fs.promises, p, ...rest);
  }) as typeof readFile);
  vi.spyOn(fs, 'lstatSync').mockImplementation(((p: string, ...rest: never[]) => {
    touched.push(String(p));
    return lstatSync.call(fs, p, ...rest);
  }) as typeof lstatSync);
}
afterEach(() => {
  vi.restoreAllMocks();
  touched.length = 0;
  requests = 0;
});

/** A 3.1 spec whose one response holds `media` (a Media Type Object's members). */
function spec(media: Record<string, unknown>, operation: Record<string, unknown> = {}): string {
  return JSON.stringify({
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: {
      '/a': {
        get: {
          operationId: 'getA',
          ...operation,
          responses: {
            '200': {
              description: 'ok',
              content: { 'application/json': { schema: { type: 'object' }, ...media } },
            },
          },
        },
      },
    },
  });
}

async function types(text: string): Promise<string> {
  const file = join(dir, `spec-${Math.random().toString(16).slice(2)}.json`);
  await writeFile(file, text);
  const { doc } = await loadSpec(file);
  watchReads();
  return generateTypes(doc, file);
}

// Functions: trap and url exist only once beforeAll has run.
const hostile: [string, () => string, string][] = [
  [
    'a schema example',
    () => spec({ schema: { type: 'object', example: { $ref: trap } } }),
    '/schema/example/$ref',
  ],
  [
    'an Example value',
    () => spec({ examples: { one: { value: { $ref: '../../secret.yaml' } } } }),
    '/examples/one/value/$ref',
  ],
  ['an x- extension', () => spec({}, { 'x-tool': { $ref: '/etc/passwd' } }), '/paths/~1a/get/x-tool/$ref'],
  [
    'a default value',
    () => spec({ schema: { type: 'object', default: { $ref: url } } }),
    '/schema/default/$ref',
  ],
  [
    'an externalValue member inside a schema example (data)',
    () => spec({ schema: { type: 'object', example: { externalValue: trap } } }),
    '/schema/example/externalValue',
  ],
];

describe('generateTypes reads nothing an example names', () => {
  it.each(hostile)(
    '%s naming a file or URL: refused (exit 2 material), nothing read',
    async (_n, text, at) => {
      await expect(types(text())).rejects.toMatchObject({
        code: 'ERR_SPEC_INVALID',
        message: expect.stringMatching(
          /openapi-typescript would read .*proofgate reads no file or URL a value names/,
        ),
        pointer: expect.stringContaining(at),
      });
      expect(
        touched.filter((p) => p.includes('trap') || p.includes('secret') || p === '/etc/passwd'),
      ).toEqual([]);
      expect(requests).toBe(0);
    },
  );

  it("an Example Object's externalValue (a file or a URL) is neither read nor fetched, and types are made", async () => {
    const plain = await types(spec({ examples: { one: { summary: 's' }, two: { summary: 't' } } }));
    const external = await types(
      spec({
        examples: { one: { summary: 's', externalValue: url }, two: { summary: 't', externalValue: trap } },
      }),
    );
    expect(external).toBe(plain);
    expect(touched.filter((p) => p.includes('trap'))).toEqual([]);
    expect(requests).toBe(0);
  });

  it('an Example Object in a file of its own (bundled by the loader) keeps its externalValue unread', async () => {
    const folder = join(dir, 'split');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'example.json'), JSON.stringify({ summary: 's', externalValue: trap }));
    const file = join(folder, 'openapi.json');
    await writeFile(file, spec({ examples: { one: { $ref: './example.json' } } }));
    const { doc } = await loadSpec(file);
    watchReads();
    expect(await generateTypes(doc, file)).toContain('"/a"');
    expect(touched.filter((p) => p.includes('trap'))).toEqual([]);
  });

  it('a local $ref inside an example stays data (control: types are made)', async () => {
    const out = await types(spec({ schema: { type: 'object', example: { $ref: '#/info' } } }));
    expect(out).toContain('"/a"');
    expect(touched).toEqual([]);
  });

  it('freeze exits 2 naming the place, and writes nothing', async () => {
    const file = join(dir, 'hostile.json');
    await writeFile(file, spec({ schema: { type: 'object', example: { $ref: trap } } }));
    const out = join(dir, 'frozen');
    const ctx = captureContext(dir);
    expect(await main(['freeze', '--spec', file, '--out', out], ctx)).toBe(2);
    expect(ctx.stderrText()).toMatch(
      /ERR_SPEC_INVALID: .*hostile\.json #\/paths\/~1a\/get\/responses\/200\/content\/application~1json\/schema\/example\/\$ref: openapi-typescript would read/,
    );
    expect(fs.existsSync(out)).toBe(false);
  });
});
