#!/usr/bin/env node
// verify-proofs throughput and memory (issues 3, 13): N Ed25519 records streamed from the embedded
// PostgreSQL 15 (and from a bundle), as ratios against two raw baselines of the same signatures on
// 2 worker threads measured in the same run: node:crypto verify and libsodium (sodium-native)
// verify. Targets: ratio vs the fastest raw baseline (libsodium where it loads) ≥ 0.80, peak RSS
// ≤ 250 MB, RSS at N ≤ 1.5 × RSS at N/10, and the same verification digest with libsodium and with
// node:crypto alone. BENCH_VERIFY_RECORDS sets N (default 1 000 000).
//
// The machines are shared and their speed drifts by ±10 % within minutes, so the baselines are
// taken right next to what they judge: raw, database, raw, bundle, raw. Each path's ratio is
// against the mean of the raw samples just before and just after it.
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createRequire } from 'node:module';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CLI,
  NO_SODIUM,
  ROOT,
  SODIUM_PATH,
  cachedAcmeHistory,
  cachedHistory,
  mb,
  meanRates,
  measure,
  rawCpuPerRecord,
  rawRates,
  table,
} from './bench-lib.mjs';

const N = Number(process.env.BENCH_VERIFY_RECORDS ?? 1_000_000);
const SMALL = Math.max(1, Math.floor(N / 10));
const WORKERS = 2;
const dist = (p) => import(join(ROOT, 'dist', 'harness', p));
if (!existsSync(join(ROOT, 'dist', 'harness', 'cli.js'))) {
  process.stderr.write('bench verify: dist/ is missing; run `npm run build` (npm run bench does it)\n');
  process.exit(2);
}
const { providePostgres } = await dist('db/index.js');
const { applyLedgerSchema, importBundle } = await dist('ledger/index.js');
const { connectClient } = await dist('db/connect.js');
// The team's own table layout (the Acme fixture's), used for both mapped paths.
const { acmeTablesMapping } = await import(
  join(ROOT, 'dist', 'fixtures', 'foreign-ledger', 'acme-config.js')
);

async function run(args, records, node = []) {
  const r = await measure([
    ...node,
    CLI,
    'verify-proofs',
    ...args,
    '--workers',
    String(WORKERS),
    '--format',
    'json',
    '--deterministic',
  ]);
  if (r.code !== 0) throw new Error(`verify-proofs exited ${r.code}: ${r.stderr}`);
  const body = JSON.parse(r.stdout.toString());
  if (body.treeSize !== records || body.counts.ok !== records)
    throw new Error(`unexpected report: ${JSON.stringify(body.counts)}`);
  return {
    rate: records / r.wall,
    wall: r.wall,
    cpuPerRecord: (1e6 * r.cpu) / records,
    rss: mb(r.rssKiB),
    digest: body.verificationDigest,
    report: r.stdout.toString(),
  };
}

const bigDir = await cachedHistory({
  name: 'verify-big',
  records: N,
  origin: 'bench.example/big',
  seed: 'bench-verify',
});
const smallDir = await cachedHistory({
  name: 'verify-small',
  records: SMALL,
  origin: 'bench.example/small',
  seed: 'bench-verify',
});
// A record profile that is not proofgate's own (fixtures/foreign-ledger's Acme shape), read from
// the team's own tables through a source mapping: the mapped path as a team that adopts proofgate has it.
const acmeBigDir = await cachedAcmeHistory({ records: N });
const acmeSmallDir = await cachedAcmeHistory({ records: SMALL });
const { from: copyFrom } = createRequire(import.meta.url)('pg-copy-streams');

/** Loads an Acme bundle into the team's own tables in `schema`; returns the config file's path. */
async function loadAcmeTables(url, dir, schema) {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const keys = JSON.parse(readFileSync(join(dir, 'keys.jwks.json'), 'utf8')).keys;
  const c = await connectClient(url);
  await c.query(`CREATE SCHEMA ${schema};
    CREATE TABLE ${schema}.entries (position bigint PRIMARY KEY, token text NOT NULL);
    CREATE TABLE ${schema}.signer_keys (key_id text PRIMARY KEY, algorithm text NOT NULL, jwk jsonb NOT NULL,
      active_from timestamptz NOT NULL, active_until timestamptz, revoked_at timestamptz);
    CREATE TABLE ${schema}.tree_heads (tree_size bigint PRIMARY KEY, note text NOT NULL);`);
  async function* lines() {
    for await (const line of createInterface({
      input: createReadStream(join(dir, 'records.jsonl')),
      crlfDelay: Infinity,
    }))
      if (line) {
        const r = JSON.parse(line);
        yield `${r.seq}\t${r.jws}\n`;
      }
  }
  await pipeline(
    Readable.from(lines()),
    c.query(copyFrom(`COPY ${schema}.entries (position, token) FROM STDIN`)),
  );
  for (const k of keys) {
    const { kid, alg, valid_from, valid_until, revoked_at, use: _use, ...jwk } = k;
    await c.query(`INSERT INTO ${schema}.signer_keys VALUES ($1, $2, $3::jsonb, $4, $5, $6)`, [
      kid,
      alg,
      JSON.stringify(jwk),
      valid_from,
      valid_until,
      revoked_at,
    ]);
  }
  for await (const line of createInterface({
    input: createReadStream(join(dir, 'anchors.jsonl')),
    crlfDelay: Infinity,
  }))
    if (line) {
      const a = JSON.parse(line);
      await c.query(`INSERT INTO ${schema}.tree_heads VALUES ($1, $2)`, [a.treeSize, a.checkpoint]);
    }
  await c.query(`VACUUM (ANALYZE) ${schema}.entries, ${schema}.signer_keys, ${schema}.tree_heads`);
  await c.end();
  return writeMappedConfig(
    'proofgate-bench-acme-',
    acmeTablesMapping(manifest.origin, manifest.noteKeys, schema),
    manifest.profile,
  );
}

/** A config file whose ledger.source is `mapping` (and ledger.profile, when given), in a temp folder. */
async function writeMappedConfig(prefix, mapping, profile) {
  const configDir = await mkdtemp(join(tmpdir(), prefix));
  const config = join(configDir, 'proofgate.config.json');
  await writeFile(config, JSON.stringify({ ledger: { ...(profile ? { profile } : {}), source: mapping } }));
  return { config, configDir };
}

const db = await providePostgres({ log: (l) => process.stdout.write(`${l}\n`) });
let exit = 0;
try {
  const client = await connectClient(db.url);
  await applyLedgerSchema(client);
  await client.end();
  for (const dir of [bigDir, smallDir]) {
    const t = process.hrtime.bigint();
    await importBundle(dir, db.url);
    process.stdout.write(`imported ${dir} in ${(Number(process.hrtime.bigint() - t) / 1e9).toFixed(1)} s\n`);
  }
  // A team's own tables (issue 10): the same history under other names, read through ledger.source.
  const team = await connectClient(db.url);
  await team.query(`CREATE SCHEMA team;
    CREATE TABLE team.entries (position bigint PRIMARY KEY, token text NOT NULL);
    INSERT INTO team.entries SELECT seq, jws FROM ledger_records WHERE log = 'bench.example/big';
    CREATE TABLE team.signer_keys AS SELECT kid AS key_id, alg AS algorithm, public_jwk::jsonb AS jwk, valid_from AS active_from, valid_until AS active_until, revoked_at FROM ledger_keys;
    CREATE TABLE team.tree_heads AS SELECT tree_size, checkpoint AS note FROM ledger_anchors WHERE log = 'bench.example/big';
`);
  await team.query('VACUUM (ANALYZE) team.entries, team.signer_keys, team.tree_heads');
  const noteKeys = (await team.query("SELECT note_keys FROM ledger_meta WHERE origin = 'bench.example/big'"))
    .rows[0].note_keys;
  await team.end();
  const { config, configDir } = await writeMappedConfig(
    'proofgate-bench-mapped-',
    acmeTablesMapping('bench.example/big', noteKeys, 'team'),
  );
  let t0 = process.hrtime.bigint();
  const acmeBig = await loadAcmeTables(db.url, acmeBigDir, 'acme_big');
  const acmeSmall = await loadAcmeTables(db.url, acmeSmallDir, 'acme_small');
  process.stdout.write(
    `loaded the Acme tables in ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1)} s\n`,
  );
  const RAW_SAMPLE = Math.min(N, 250_000);
  const raw = () => rawRates(bigDir, WORKERS, N, RAW_SAMPLE);
  if (!SODIUM_PATH)
    process.stdout.write('bench verify: sodium-native does not load here: no libsodium baseline\n');
  const raw0 = await raw();
  const fromDb = await run(['--database-url', db.url, '--origin', 'bench.example/big'], N);
  const raw1 = await raw();
  const fromBundle = await run(['--bundle', bigDir], N);
  const raw2 = await raw();
  const fromMapped = await run(['--database-url', db.url, '--config', config], N);
  const raw3 = await raw();
  // The Acme path against raw verifies of ITS signatures (other messages), sampled before and after.
  const rawAcme = () => rawRates(acmeBigDir, WORKERS, N, RAW_SAMPLE);
  const rawA0 = await rawAcme();
  const fromAcme = await run(['--database-url', db.url, '--config', acmeBig.config], N);
  const rawA1 = await rawAcme();
  const fromAcmeSmall = await run(['--database-url', db.url, '--config', acmeSmall.config], SMALL);
  const fromAcmeBundle = await run(['--bundle', acmeBigDir], N);
  await rm(configDir, { recursive: true, force: true });
  await rm(acmeBig.configDir, { recursive: true, force: true });
  await rm(acmeSmall.configDir, { recursive: true, force: true });
  const fromDbSmall = await run(['--database-url', db.url, '--origin', 'bench.example/small'], SMALL);
  const fromBundleSmall = await run(['--bundle', smallDir], SMALL);
  // The same small history with sodium-native made unloadable: node:crypto alone, same report.
  const nodeOnlySmall = await run(['--bundle', smallDir], SMALL, ['--require', NO_SODIUM]);
  const dbBase = meanRates(raw0, raw1);
  const bundleBase = meanRates(raw1, raw2);
  const mappedBase = meanRates(raw2, raw3);
  const acmeBase = meanRates(rawA0, rawA1);
  const best = (base) => base.sodium ?? base.node;
  const ratio = (rate, base) => (base === undefined ? 'n/a' : (rate / base).toFixed(2));
  const row = (name, big, base, small) => [
    name,
    big.rate.toFixed(0),
    base.node.toFixed(0),
    ratio(big.rate, base.node),
    base.sodium === undefined ? 'n/a' : base.sodium.toFixed(0),
    ratio(big.rate, base.sodium),
    big.wall.toFixed(1),
    big.rss.toFixed(0),
    small.rss.toFixed(0),
    (big.rss / small.rss).toFixed(2),
  ];
  process.stdout.write(
    `\nverify-proofs, ${N} Ed25519 records, ${WORKERS} workers (${db.provider} PostgreSQL ${db.serverVersion}):\n`,
  );
  table([
    [
      'path',
      'records/s',
      'raw node:crypto/s',
      'ratio',
      'raw libsodium/s',
      'ratio',
      'wall s',
      `peak RSS MB`,
      `RSS MB at ${SMALL}`,
      'RSS growth',
    ],
    row('database (COPY binary)', fromDb, dbBase, fromDbSmall),
    row('bundle (jsonl stream)', fromBundle, bundleBase, fromBundleSmall),
    row('mapped team tables (COPY binary)', fromMapped, mappedBase, fromDbSmall),
    row('mapped Acme tables, Acme profile', fromAcme, acmeBase, fromAcmeSmall),
  ]);
  const samples = (k) =>
    [raw0, raw1, raw2, raw3].map((r) => (r[k] === undefined ? 'n/a' : r[k].toFixed(0))).join(' / ');
  process.stdout.write(
    `  raw samples (${RAW_SAMPLE} records each, before / between / after), records/s:\n` +
      `    node:crypto ${samples('node')}\n    libsodium   ${samples('sodium')}\n` +
      `  raw samples of the Acme signatures (before / after), records/s: node:crypto ${[rawA0, rawA1].map((r) => r.node.toFixed(0)).join(' / ')}, ` +
      `libsodium ${[rawA0, rawA1].map((r) => (r.sodium === undefined ? 'n/a' : r.sodium.toFixed(0))).join(' / ')}\n` +
      `  libsodium / node:crypto, raw: ${ratio(dbBase.sodium ?? NaN, dbBase.node)} (database) ${ratio(bundleBase.sodium ?? NaN, bundleBase.node)} (bundle) ${ratio(mappedBase.sodium ?? NaN, mappedBase.node)} (mapped)\n`,
  );
  // Wall-clock ratios move with the machine's load; CPU per record barely does (see rawCpuPerRecord).
  const cpu = rawCpuPerRecord(bigDir);
  const cpuRatio = (path, raw) => (raw === undefined ? 'n/a' : (raw / path.cpuPerRecord).toFixed(2));
  process.stdout.write(
    `  CPU µs per record (whole process, all threads): database ${fromDb.cpuPerRecord.toFixed(1)}, bundle ${fromBundle.cpuPerRecord.toFixed(1)}; ` +
      `raw node:crypto ${cpu.node.toFixed(1)}, raw libsodium ${cpu.sodium === undefined ? 'n/a' : cpu.sodium.toFixed(1)}\n` +
      `  CPU ratio (raw / path; the wall ratio on an otherwise idle machine, if the threads overlap fully): ` +
      `database ${cpuRatio(fromDb, cpu.node)} vs node:crypto, ${cpuRatio(fromDb, cpu.sodium)} vs libsodium; ` +
      `bundle ${cpuRatio(fromBundle, cpu.node)} vs node:crypto, ${cpuRatio(fromBundle, cpu.sodium)} vs libsodium\n`,
  );
  const vs = SODIUM_PATH ? 'raw libsodium' : 'raw node:crypto';
  const checks = [
    [`database ratio vs ${vs} ≥ 0.80`, fromDb.rate / best(dbBase) >= 0.8],
    [`bundle ratio vs ${vs} ≥ 0.80`, fromBundle.rate / best(bundleBase) >= 0.8],
    [`mapped team tables ratio vs ${vs} ≥ 0.80`, fromMapped.rate / best(mappedBase) >= 0.8],
    ['mapped peak RSS ≤ 250 MB', fromMapped.rss <= 250],
    [`mapped Acme tables ratio vs ${vs} ≥ 0.80`, fromAcme.rate / best(acmeBase) >= 0.8],
    ['mapped Acme tables peak RSS ≤ 250 MB', fromAcme.rss <= 250],
    [`mapped Acme tables RSS at ${N} ≤ 1.5 × RSS at ${SMALL}`, fromAcme.rss <= 1.5 * fromAcmeSmall.rss],
    [
      'same verification digest from the Acme tables and the Acme bundle',
      fromAcme.digest === fromAcmeBundle.digest,
    ],
    ['same verification digest from the mapped tables', fromMapped.digest === fromDb.digest],
    ['database peak RSS ≤ 250 MB', fromDb.rss <= 250],
    [`database RSS at ${N} ≤ 1.5 × RSS at ${SMALL}`, fromDb.rss <= 1.5 * fromDbSmall.rss],
    ['bundle peak RSS ≤ 250 MB', fromBundle.rss <= 250],
    ['same verification digest from database and bundle', fromDb.digest === fromBundle.digest],
    [
      `byte-identical --deterministic report with libsodium and node:crypto alone (${SMALL} records)`,
      nodeOnlySmall.report === fromBundleSmall.report,
    ],
  ];
  for (const [name, ok] of checks) process.stdout.write(`  ${ok ? 'PASS' : 'FAIL'}  ${name}\n`);
  exit = checks.every(([, ok]) => ok) ? 0 : 1;
} finally {
  await db.close();
}
process.exit(exit);
