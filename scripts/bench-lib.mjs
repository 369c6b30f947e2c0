// Shared benchmark helpers: whole-process wall time and peak RSS of a child, medians, tables.
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
} from 'node:fs';
import { createPublicKey, verify } from 'node:crypto';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
export const CLI = join(ROOT, 'bin', 'proofgate.js');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
// Made on first use and removed when this process exits (importing the helpers leaves nothing).
let tmp;
const benchTmp = () => {
  if (tmp === undefined) {
    tmp = mkdtempSync(join(tmpdir(), 'proofgate-bench-'));
    process.once('exit', () => rmSync(tmp, { recursive: true, force: true }));
  }
  return tmp;
};
// Without /usr/bin/time the child reports its own peak RSS and CPU (getrusage) on exit.
const PROBE = `data:text/javascript,import{writeFileSync}from'node:fs';process.on('exit',()=>{const u=process.resourceUsage();writeFileSync(process.env.PROOFGATE_RSS_FILE,u.maxRSS+' '+u.userCPUTime/1e6+' '+u.systemCPUTime/1e6)})`;

/** Runs `node ...args` once: wall and CPU (user+sys) seconds, peak RSS (KiB, all threads), exit code, output. */
export function measure(args, options = {}) {
  return new Promise((resolve, reject) => {
    const rssFile = join(benchTmp(), `rss-${process.hrtime.bigint()}`);
    const [cmd, argv] = TIME
      ? [TIME, ['-f', '%M %U %S', '-o', rssFile, process.execPath, ...args]]
      : [process.execPath, [`--import=${PROBE}`, ...args]];
    const started = process.hrtime.bigint();
    const child = spawn(cmd, argv, {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, ...options.env, PROOFGATE_RSS_FILE: rssFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = [];
    const err = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      const lines = existsSync(rssFile) ? readFileSync(rssFile, 'utf8').trim().split('\n') : ['NaN NaN NaN'];
      const [rssKiB, user, sys] = (lines[lines.length - 1] ?? '').split(' ').map(Number);
      resolve({
        wall,
        rssKiB,
        cpu: user + sys,
        code,
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err).toString(),
      });
    });
  });
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
export const mb = (kib) => kib / 1024;

/** Prints aligned rows: [label, value, ...]. */
export function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  for (const r of rows)
    process.stdout.write(`  ${r.map((c, i) => String(c).padEnd(widths[i])).join('  ')}\n`);
}

/**
 * A generated single-key Ed25519 history for benchmarks, cached under .proofgate/bench (signing
 * a million records takes minutes). One key, so the raw baseline does exactly the same crypto.
 */
export async function cachedHistory({ name, records, origin, seed }) {
  const dir = join(ROOT, '.proofgate', 'bench', `${name}-${records}`);
  if (!existsSync(join(dir, 'anchors.jsonl'))) {
    const { generateHistory } = await import(join(ROOT, 'dist', 'harness', 'history', 'index.js'));
    process.stdout.write(`generating ${records} Ed25519 records into ${dir} (cached for the next run)…\n`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    await generateHistory({
      out: dir,
      seed,
      records,
      anchorEvery: 1000,
      origin,
      keys: [{ alg: 'EdDSA', fromSeq: 0 }],
    });
  }
  return dir;
}

/** `node --require` this to run proofgate as where sodium-native is missing (node:crypto alone). */
export const NO_SODIUM = join(ROOT, 'harness', 'proofs', '__fixtures__', 'no-sodium.cjs');

/** sodium-native's entry file, or undefined where it does not load (the libsodium baseline is then skipped). */
export const SODIUM_PATH = (() => {
  try {
    const require = createRequire(import.meta.url);
    const path = require.resolve('sodium-native');
    require(path);
    return path;
  } catch {
    return undefined;
  }
})();

/**
 * The raw baseline: records/s of bare Ed25519 verify over a bundle's signing inputs on `workers`
 * threads, with node:crypto (`engine` 'node') or libsodium through sodium-native ('sodium').
 * Inputs are decoded before the clock starts; only the verify loop is timed. `limit` takes only
 * the first records (a sample: the rate is per record, and a short sample can sit right next to
 * the run it is the baseline of).
 */
export async function rawVerifyRate(dir, workers, expected, limit = expected, engine = 'node') {
  if (engine === 'sodium' && SODIUM_PATH === undefined) throw new Error('sodium-native does not load here');
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { createReadStream } = require('node:fs');
    const { createInterface } = require('node:readline');
    const { createPublicKey, verify } = require('node:crypto');
    const key = createPublicKey({ key: workerData.jwk, format: 'jwk' });
    const raw = Buffer.from(workerData.jwk.x, 'base64url');
    const sodium = workerData.sodium ? require(workerData.sodium) : undefined;
    const inputs = [], sigs = [];
    (async () => {
      let i = -1;
      for await (const line of createInterface({ input: createReadStream(workerData.file), crlfDelay: Infinity })) {
        if (!line) continue;
        if (++i >= workerData.limit) break;
        if (i % workerData.of !== workerData.index) continue;
        const jws = JSON.parse(line).jws; const dot = jws.lastIndexOf('.');
        inputs.push(Buffer.from(jws.slice(0, dot))); sigs.push(Buffer.from(jws.slice(dot + 1), 'base64url'));
      }
      parentPort.postMessage('ready');
      parentPort.once('message', () => {
        let ok = 0;
        if (sodium) {
          for (let i = 0; i < inputs.length; i++) if (sodium.crypto_sign_verify_detached(sigs[i], inputs[i], raw)) ok++;
        } else {
          for (let i = 0; i < inputs.length; i++) if (verify(null, inputs[i], key, sigs[i])) ok++;
        }
        parentPort.postMessage(ok);
      });
    })();`;
  const key = JSON.parse(readFileSync(join(dir, 'keys.jwks.json'), 'utf8')).keys[0];
  const jwk = { kty: key.kty, crv: key.crv, x: key.x };
  const sodium = engine === 'sodium' ? SODIUM_PATH : undefined;
  const pool = Array.from(
    { length: workers },
    (_, index) =>
      new Worker(code, {
        eval: true,
        workerData: { file: join(dir, 'records.jsonl'), index, of: workers, jwk, limit, sodium },
      }),
  );
  await Promise.all(pool.map((w) => new Promise((r) => w.once('message', r))));
  const started = process.hrtime.bigint();
  const oks = await Promise.all(
    pool.map(
      (w) =>
        new Promise((r) => {
          w.once('message', r);
          w.postMessage('go');
        }),
    ),
  );
  const secs = Number(process.hrtime.bigint() - started) / 1e9;
  await Promise.all(pool.map((w) => w.terminate()));
  const total = oks.reduce((a, b) => a + b, 0);
  const want = Math.min(expected, limit);
  if (total !== want) throw new Error(`baseline (${engine}) verified ${total} of ${want}`);
  return want / secs;
}

/**
 * CPU µs per verify of each raw engine on this thread alone (no workers running): with the
 * pipeline's CPU µs per record (user + sys of the whole process / N) it gives the ratio the run
 * would have with both cores to itself, which the load of a shared machine distorts far less than
 * wall-clock rates.
 */
export function rawCpuPerRecord(dir, limit = 20_000) {
  const key = JSON.parse(readFileSync(join(dir, 'keys.jwks.json'), 'utf8')).keys[0];
  const publicKey = createPublicKey({ key: { kty: key.kty, crv: key.crv, x: key.x }, format: 'jwk' });
  const raw = Buffer.from(key.x, 'base64url');
  const inputs = [];
  const sigs = [];
  // Only the head of the file (a million records do not fit in one string).
  const fd = openSync(join(dir, 'records.jsonl'), 'r');
  const head = Buffer.alloc(limit * 1024);
  const got = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const lines = head.toString('utf8', 0, got).split('\n', limit);
  if (got === head.length) lines.pop(); // possibly cut short
  for (const line of lines) {
    if (!line) continue;
    const jws = JSON.parse(line).jws;
    const dot = jws.lastIndexOf('.');
    inputs.push(Buffer.from(jws.slice(0, dot)));
    sigs.push(Buffer.from(jws.slice(dot + 1), 'base64url'));
  }
  const sodium = SODIUM_PATH ? createRequire(import.meta.url)(SODIUM_PATH) : undefined;
  const time = (f) => {
    let best = Infinity;
    for (let round = 0; round < 3; round++) {
      const t = process.cpuUsage();
      for (let i = 0; i < inputs.length; i++)
        if (!f(i)) throw new Error('raw CPU baseline: a signature failed');
      const u = process.cpuUsage(t);
      best = Math.min(best, (u.user + u.system) / inputs.length);
    }
    return best;
  };
  return {
    node: time((i) => verify(null, inputs[i], publicKey, sigs[i])),
    sodium: sodium ? time((i) => sodium.crypto_sign_verify_detached(sigs[i], inputs[i], raw)) : undefined,
  };
}

/** Both raw baselines, node:crypto then libsodium (undefined where sodium-native does not load). */
export async function rawRates(dir, workers, expected, limit = expected) {
  const node = await rawVerifyRate(dir, workers, expected, limit, 'node');
  const sodium = SODIUM_PATH ? await rawVerifyRate(dir, workers, expected, limit, 'sodium') : undefined;
  return { node, sodium };
}

/** Mean of each engine's samples (libsodium undefined if any sample lacks it). */
export function meanRates(...samples) {
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const s = samples.map((x) => x.sodium);
  return { node: mean(samples.map((x) => x.node)), sodium: s.includes(undefined) ? undefined : mean(s) };
}

/**
 * A history in the Acme audit ledger's shape (fixtures/foreign-ledger: a record profile that is
 * not proofgate's own — `typ: "JWT"`, payloads as signed in insertion order, fields
 * position/prev_hash/ledger/issued_at_ms/event, positions from 1, prev_hash the SHA-256 of the
 * previous token, C2SP checkpoints), signed by ONE Ed25519 key so the raw baselines do exactly
 * the same crypto. Written as a bundle (manifest carries the profile), cached like cachedHistory.
 */
export async function cachedAcmeHistory({ records, anchorEvery = 1000, seed = 'bench-acme' }) {
  const dir = join(ROOT, '.proofgate', 'bench', `acme-${records}`);
  if (existsSync(join(dir, 'anchors.jsonl'))) return dir;
  const d = (p) => import(join(ROOT, 'dist', p));
  const { ACME_ORIGIN, ACME_NOTE_KEY_NAME, ACME_PROFILE } = await d('fixtures/foreign-ledger/ledger.js');
  const { seededBytes } = await d('harness/history/seeded-bytes.js');
  const { ed25519Signer } = await d('harness/proofs/index.js');
  const { writeBundle } = await d('harness/bundle/index.js');
  const {
    MerkleBuilder,
    hashLeafInput,
    signCheckpoint,
    formatVkey,
    ed25519PrivateKeyFromSeed,
    ed25519RawPublicKey,
  } = await d('harness/lineage/index.js');
  const { createHash } = await import('node:crypto');
  process.stdout.write(
    `generating ${records} Acme-profile Ed25519 records into ${dir} (cached for the next run)…\n`,
  );
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const kid = 'acme-ed-bench';
  const signer = ed25519Signer(kid, seededBytes(seed, `key/${kid}`));
  const noteKey = ed25519PrivateKeyFromSeed(seededBytes(seed, 'note-key'));
  const noteSigner = { name: ACME_NOTE_KEY_NAME, privateKey: noteKey };
  const START_MS = Date.UTC(2023, 0, 15, 9, 0, 0);
  const header = Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'EdDSA', kid })).toString('base64url');
  const anchors = [];
  async function* rows() {
    const tree = new MerkleBuilder();
    let prev = '0'.repeat(64);
    for (let position = 1; position <= records; position++) {
      const event = createHash('sha256').update(`${seed}\u0000event\u0000${position}`).digest('hex');
      const payload = {
        position,
        prev_hash: prev,
        ledger: ACME_ORIGIN,
        issued_at_ms: START_MS + (position - 1) * 60_250,
        event: {
          type: position % 7 === 0 ? 'invoice.voided' : 'invoice.issued',
          invoice: `INV-${String(position).padStart(7, '0')}`,
          amount_cents: parseInt(event.slice(0, 6), 16) % 100_000,
          digest: event,
        },
      };
      const input = `${header}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
      const jws = `${input}.${Buffer.from(signer.sign(Buffer.from(input, 'latin1'))).toString('base64url')}`;
      prev = createHash('sha256').update(jws, 'latin1').digest('hex');
      tree.push(hashLeafInput(Buffer.concat([Buffer.of(0), Buffer.from(jws, 'latin1')])));
      if (tree.size % anchorEvery === 0)
        anchors.push({
          treeSize: tree.size,
          checkpoint: signCheckpoint(
            { origin: ACME_ORIGIN, treeSize: tree.size, rootHash: tree.root() },
            noteSigner,
          ),
        });
      yield { seq: position, jws };
    }
  }
  await writeBundle(dir, {
    profile: ACME_PROFILE,
    origin: ACME_ORIGIN,
    noteKeys: [formatVkey(ACME_NOTE_KEY_NAME, ed25519RawPublicKey(noteKey))],
    keys: [
      {
        ...signer.jwk,
        kid,
        alg: 'EdDSA',
        use: 'sig',
        valid_from: new Date(START_MS - 86_400_000).toISOString().replace('.000Z', 'Z'),
        valid_until: null,
        revoked_at: null,
      },
    ],
    records: rows(),
    // Read after the records (writeBundle writes records.jsonl first): the checkpoints are known by then.
    anchors: (function* () {
      yield* anchors;
    })(),
  });
  if (anchors.length !== Math.floor(records / anchorEvery))
    throw new Error('Acme bench history: anchors were read too early');
  return dir;
}
