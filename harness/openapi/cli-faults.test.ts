import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packagePath } from '../paths.js';

// The spec-loading fault suite end to end: the real CLI (bin/proofgate.js on dist/) in its own
// process, so a crash, a V8 abort or an out-of-memory kill shows as what it is (a signal or an
// exit code other than 2), not as a caught exception.
const fault = (...p: string[]) => packagePath('fixtures', 'faults', 'openapi', ...p);
const HEAD = "openapi: 3.0.3\ninfo: { title: Hostile, version: '1' }\npaths: {}\n";

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'proofgate-openapi-cli-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

function cli(
  args: string[],
): Promise<{ code: number | null; signal: string | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    // A heap ceiling well under the machine's: an unbounded expansion dies fast instead of swapping.
    const child = spawn(
      process.execPath,
      ['--max-old-space-size=512', packagePath('bin', 'proofgate.js'), ...args],
      {
        cwd: tmp,
        env: { ...process.env, NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({ code, signal, out: Buffer.concat(out).toString(), err: Buffer.concat(err).toString() }),
    );
  });
}

async function hostile(name: string, text: string): Promise<string> {
  const file = join(tmp, name);
  await writeFile(file, text);
  return file;
}

const schemaChain = (levels: number) => {
  let s = '{"type":"string"}';
  for (let i = 0; i < levels; i++) s = `{"type":"object","properties":{"p":${s}}}`;
  return `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},"components":{"schemas":{"D":${s}}}}`;
};

type Spec = () => Promise<string> | string;
const CASES: [string, Spec, RegExp][] = [
  [
    'invalid UTF-8',
    () => fault('invalid-utf8', 'candidate.yaml'),
    /ERR_SPEC_PARSE: .*candidate\.yaml: not valid UTF-8: byte 0xfe at byte offset 145/,
  ],
  [
    'duplicate JSON key',
    () => fault('duplicate-keys', 'spec.json'),
    /ERR_SPEC_PARSE: .*spec\.json #\/paths\/~1a\/get\/responses: duplicate key "200"/,
  ],
  [
    'parameter without in',
    () => fault('invalid-openapi', 'parameter-without-in.yaml'),
    /ERR_SPEC_INVALID: .*#\/paths\/~1items~1\{id\}\/get\/parameters\/1: not a valid OpenAPI 3\.0 document/,
  ],
  [
    '3.1 response without description',
    () => fault('invalid-openapi', 'response-without-description-31.yaml'),
    /ERR_SPEC_INVALID: .*the required field `description` is missing/,
  ],
  [
    'a long string aliased 5000 times',
    () =>
      hostile('aliases.yaml', `${HEAD}x-a: &a "${'x'.repeat(200_000)}"\nx-list:\n${'  - *a\n'.repeat(5000)}`),
    /ERR_SPEC_ALIAS_BOMB: .*YAML aliases expand the document past/,
  ],
  [
    '10 000 nested flow sequences',
    () => hostile('flow.yaml', `${HEAD}x-d: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`),
    /ERR_SPEC_TOO_LARGE: .*flow\.yaml: nested deeper than 256 levels/,
  ],
  [
    'a 400-level schema',
    () => hostile('deep.json', schemaChain(400)),
    /ERR_SPEC_TOO_LARGE: .*deep\.json #\/components\/schemas\/D\/.*nested deeper than 256 levels/,
  ],
];

describe.each([['check-openapi'], ['freeze']])(
  '%s on a bad spec: exit 2 with the reason, never PASS or a crash',
  (command) => {
    it.each(CASES)('%s', { timeout: 120_000 }, async (_name, spec, message) => {
      const file = await spec();
      const args =
        command === 'freeze'
          ? ['freeze', '--spec', file, '--out', join(tmp, 'frozen')]
          : ['check-openapi', '--base', fault('invalid-openapi', 'base-30.yaml'), '--candidate', file];
      const r = await cli(args);
      expect({ code: r.code, signal: r.signal }).toEqual({ code: 2, signal: null });
      expect(r.out).toBe('');
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/internal error|this is a bug|FATAL|Abort/i);
    });
  },
);

describe('end to end: the other faults', () => {
  it(
    'check-openapi: a same-file $ref change is breaking (exit 1), like the #/ form',
    { timeout: 60_000 },
    async () => {
      const r = await cli([
        'check-openapi',
        '--base',
        fault('self-ref', 'base', 'openapi.yaml'),
        '--candidate',
        fault('self-ref', 'file', 'openapi.yaml'),
        '--format',
        'json',
        '--deterministic',
      ]);
      expect(r.code).toBe(1);
      expect((JSON.parse(r.out) as { verdict: string }).verdict).toBe('breaking');
    },
  );

  it(
    'freeze: a long chain of $ref-nested schemas is exit 2, not an internal error',
    { timeout: 60_000 },
    async () => {
      const schemas: Record<string, unknown> = {};
      for (let i = 0; i < 1000; i++) {
        schemas[`S${i}`] =
          i === 999
            ? { type: 'string' }
            : { type: 'object', properties: { p: { $ref: `#/components/schemas/S${i + 1}` } } };
      }
      const file = await hostile(
        'chain.json',
        JSON.stringify({
          openapi: '3.0.3',
          info: { title: 't', version: '1' },
          paths: {},
          components: { schemas },
        }),
      );
      const r = await cli(['freeze', '--spec', file, '--out', join(tmp, 'chain-out')]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/ERR_SPEC_TOO_LARGE: .*nests too deeply for openapi-typescript/);
    },
  );

  it(
    'verify-freeze: exit 2 after an invalid byte is edited into the frozen spec',
    { timeout: 60_000 },
    async () => {
      const dir = join(tmp, 'v1');
      await cp(packagePath('contracts', 'v1'), dir, { recursive: true });
      const spec = join(dir, 'openapi.yaml');
      await writeFile(spec, Buffer.concat([await readFile(spec), Buffer.from([0x23, 0x20, 0xff, 0x0a])]));
      const r = await cli(['verify-freeze', '--dir', dir]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/ERR_INPUT: .*openapi\.yaml: not valid UTF-8: byte 0xff/);
    },
  );
});
