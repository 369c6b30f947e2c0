#!/usr/bin/env node
// Ledger I/O micro-benchmark: write a bundle of N records, import it (COPY FROM STDIN), stream it
// back with binary COPY (streamRecords), export it. Prints rows/s and peak RSS.
//   npm run build && node scripts/bench-ledger.mjs [N=1000000]
// Uses PROOFGATE_DATABASE_URL when set, else the provider chain (embedded PostgreSQL 15 here).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dist = new URL('../dist/harness/', import.meta.url);
const { providePostgres } = await import(new URL('db/index.js', dist).href);
const { writeBundle, readBundle } = await import(new URL('bundle/index.js', dist).href);
const { importBundle, exportBundle, streamRecords } = await import(new URL('ledger/index.js', dist).href);

const N = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'proofgate-bench-ledger-'));
const origin = 'bench.example/log';
// A realistic compact JWS size (EdDSA header + ~200-byte payload + 86-char signature ≈ 400 chars).
const header = 'eyJhbGciOiJFZERTQSIsImtpZCI6ImVkLTIwMjYiLCJ0eXAiOiJwcm9vZmdhdGUtcmVjb3JkK2p3cyJ9';
const body = 'x'.repeat(260);
const sig = 's'.repeat(86);

let peak = 0;
const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const mib = (b) => (b / 1048576).toFixed(0);
const rate = (n, s) => `${Math.round(n / s).toLocaleString('en-US')}/s`;

/** Runs one phase: wall time, this process's CPU time, and its peak RSS during the phase. */
async function phase(name, fn) {
  peak = process.memoryUsage().rss;
  const cpu0 = process.cpuUsage();
  const s = performance.now();
  const r = await fn();
  const note = typeof r === 'string' ? r : '';
  const wall = (performance.now() - s) / 1000;
  const c = process.cpuUsage(cpu0);
  const cpu = (c.user + c.system) / 1e6;
  console.log(
    `${name.padEnd(24)} ${wall.toFixed(2).padStart(6)} s  ${rate(N, wall).padStart(11)} wall  ${rate(N, cpu).padStart(11)} per client CPU-s  peak RSS ${mib(peak)} MiB ${note}`,
  );
}

function* records() {
  for (let seq = 0; seq < N; seq++) yield { seq, jws: `${header}.${body}${seq}.${sig}` };
}

await phase('writeBundle', () =>
  writeBundle(join(dir, 'in'), {
    origin,
    noteKeys: ['bench.example/log+00000000+AQ=='],
    keys: [
      {
        kty: 'OKP',
        crv: 'Ed25519',
        x: 'AA',
        kid: 'ed-2026',
        alg: 'EdDSA',
        use: 'sig',
        valid_from: '2026-01-01T00:00:00Z',
        valid_until: null,
        revoked_at: null,
      },
    ],
    records: records(),
    anchors: [{ treeSize: N, checkpoint: `${origin}\n${N}\nAA==\n\n— ${origin} AA==\n` }],
  }).then(() => `(${mib(statSync(join(dir, 'in', 'records.jsonl')).size)} MiB records.jsonl)`),
);

const started = performance.now();
const db = await providePostgres({ log: (l) => console.log(`  ${l}`) });
console.log(
  `provider: ${db.provider} ${db.serverVersion}, ready in ${((performance.now() - started) / 1000).toFixed(2)} s`,
);
try {
  await phase('importBundle (COPY in)', () => importBundle(join(dir, 'in'), db.url));
  for (const batchSize of [10_000, 50_000]) {
    await phase(`streamRecords b=${batchSize}`, async () => {
      let n = 0;
      for await (const b of streamRecords(db.url, { log: origin, batchSize })) n += b.jws.length;
      if (n !== N) throw new Error(`streamed ${n} of ${N}`);
    });
  }
  await phase('readBundle batches', async () => {
    let n = 0;
    for await (const b of (await readBundle(join(dir, 'in'))).recordBatches()) n += b.jws.length;
    if (n !== N) throw new Error(`read ${n} of ${N}`);
  });
  await phase('exportBundle', () => exportBundle(db.url, join(dir, 'out')));
} finally {
  await db.close();
  clearInterval(sample);
  rmSync(dir, { recursive: true, force: true });
}
