import { spawn, spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packagePath } from '../paths.js';
import { ed25519Engine } from '../proofs/index.js';
import { tempBundle } from './testing.js';

// verify-proofs with libsodium and with sodium-native made unloadable (a --require preload that
// worker threads inherit, as on a platform without a prebuild): same report, one stderr line.
const NO_SODIUM = packagePath('harness', 'proofs', '__fixtures__', 'no-sodium.cjs');
const SODIUM = ed25519Engine().name === 'libsodium';
if (!SODIUM) process.stderr.write('[proofgate tests] SKIPPED: sodium-native did not load here\n');
const L = 2n ** 252n + 27742317777372353535851937790883648493n;

let bundle: Awaited<ReturnType<typeof tempBundle>>;
beforeAll(async () => {
  bundle = await tempBundle(300, 50, 'engine-tests');
  const lines = (await bundle.lines()).map((l) => JSON.parse(l) as { seq: number; jws: string });
  const resign = (i: number, f: (sig: Buffer) => Buffer) => {
    const [h, p, s] = lines[i]!.jws.split('.') as [string, string, string];
    lines[i]!.jws = `${h}.${p}.${f(Buffer.from(s, 'base64url')).toString('base64url')}`;
  };
  resign(20, (s) => Buffer.concat([s.subarray(0, 5), Buffer.of(s[5]! ^ 1), s.subarray(6)])); // bit flip
  resign(30, (s) => {
    // S + L: the same point equation, a non-canonical scalar (both refuse it)
    const S = s.subarray(32).reduceRight((a, x) => (a << 8n) | BigInt(x), 0n) + L;
    const out = Buffer.from(s);
    for (let i = 0; i < 32; i++) out[32 + i] = Number((S >> BigInt(8 * i)) & 0xffn);
    return out;
  });
  resign(40, (s) => Buffer.concat([s, Buffer.of(0)])); // 65 bytes: libsodium alone would accept it
  await bundle.setLines(lines.map((l) => JSON.stringify(l)));
});
afterAll(() => bundle.remove());

const run = (preload: boolean, ...extra: string[]) => runOn(bundle.dir, preload, ...extra);

function runOn(dir: string, preload: boolean, ...extra: string[]) {
  const args = [
    ...(preload ? ['--require', NO_SODIUM] : []),
    packagePath('bin', 'proofgate.js'),
    'verify-proofs',
    '--bundle',
    dir,
    '--workers',
    '2',
    '--format',
    'json',
    ...extra,
  ];
  return new Promise<{ code: number | null; out: string; err: string }>((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, out: Buffer.concat(out).toString(), err: Buffer.concat(err).toString() }),
    );
  });
}

describe.skipIf(!SODIUM)('verify-proofs: libsodium or node:crypto, the same report', () => {
  it('--deterministic reports are byte-identical; without libsodium proofgate says so once', async () => {
    const [fast, slow] = await Promise.all([run(false, '--deterministic'), run(true, '--deterministic')]);
    expect(fast.code).toBe(1);
    expect(slow.code).toBe(1);
    expect(slow.out).toBe(fast.out);
    const body = JSON.parse(fast.out);
    expect(body.failures.filter((f: { outcome: string }) => f.outcome === 'bad-signature')).toHaveLength(3);
    expect(fast.err).not.toMatch(/sodium-native/);
    // Once per process, though two worker threads fell back too.
    expect(slow.err.match(/sodium-native did not load/g)).toHaveLength(1);
    expect(slow.err).toMatch(/verified with node:crypto alone \(same outcomes, slower\)/);
  });

  it('the engine is named outside the digest (omitted by --deterministic)', async () => {
    const [fast, slow] = await Promise.all([run(false), run(true)]);
    const a = JSON.parse(fast.out);
    const b = JSON.parse(slow.out);
    expect(a.engine.ed25519).toMatch(/^libsodium \(sodium-native \d+\.\d+\.\d+\)$/);
    expect(b.engine.ed25519).toMatch(/^node:crypto \(OpenSSL /);
    expect(b.engine.ed25519Fallback).toMatch(/sodium-native did not load/);
    expect(a.digest).toBe(b.digest);
    expect(a.verificationDigest).toBe(b.verificationDigest);
    // compare checks each report's digest: the engine field must not count as an edit (a clean log,
    // verified once with each engine, compares as unchanged).
    const small = packagePath('fixtures', 'history', 'small');
    const [fa, fb] = [join(bundle.dir, 'a.json'), join(bundle.dir, 'b.json')];
    await Promise.all([runOn(small, false, '--out', fa), runOn(small, true, '--out', fb)]);
    const c = spawnSync(process.execPath, [packagePath('bin', 'proofgate.js'), 'compare', fa, fb], {
      encoding: 'utf8',
    });
    expect(c.stderr).toBe('');
    expect(c.status).toBe(0);
  });
});
