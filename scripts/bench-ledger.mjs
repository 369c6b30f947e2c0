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
const { writeBundle } = await import(new URL('bundle/index.js', dist).href);
const { importBundle, exportBundle, streamRecords } = await import(new URL('ledger/index.js', dist).href);

const N = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'proofgate-bench-ledger-'));
const origin = 'bench.example/log';
// A realistic compact JWS size (EdDSA header + ~200-byte payload + 86-char signature ≈ 400 chars).
const header = 'eyJhbGciOiJFZERTQSIsImtpZCI6ImVkLTIwMjYiLCJ0eXAiOiJwcm9vZmdhdGUtcmVjb3JkK2p3cyJ9';
const body = 'x'.repeat(260);
const sig = 's'.repeat(86);

let peak = 0;
const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
const mib = (b) => (b / 1048576).toFixed(0);
const rate = (n, s) => `${Math.round(n / s).toLocaleString('en-US')} rows/s`;
const t = () => performance.now() / 1000;

function* records() {
  for (let seq = 0; seq < N; seq++) yield { seq, jws: `${header}.${body}${seq}.${sig}` };
}

let s = t();
await writeBundle(join(dir, 'in'), {
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
});
const size = statSync(join(dir, 'in', 'records.jsonl')).size;
console.log(`records ${N.toLocaleString('en-US')} (${mib(size)} MiB records.jsonl)`);
console.log(`writeBundle      ${(t() - s).toFixed(2)} s  ${rate(N, t() - s)}`);

s = t();
const db = await providePostgres({ log: (l) => console.log(`  ${l}`) });
console.log(`provider         ${db.provider} ${db.serverVersion} in ${(t() - s).toFixed(2)} s`);
try {
  s = t();
  await importBundle(join(dir, 'in'), db.url);
  const imp = t() - s;
  console.log(`importBundle     ${imp.toFixed(2)} s  ${rate(N, imp)}`);

  for (const batchSize of [10_000, 50_000]) {
    s = t();
    let n = 0;
    let bytes = 0;
    for await (const b of streamRecords(db.url, { log: origin, batchSize })) {
      n += b.jws.length;
      bytes += b.jws[0].length * b.jws.length;
    }
    const el = t() - s;
    if (n !== N) throw new Error(`streamed ${n} of ${N}`);
    console.log(
      `streamRecords    ${el.toFixed(2)} s  ${rate(N, el)}  (batch ${batchSize}, ~${mib(bytes / el)} MiB/s)`,
    );
  }

  s = t();
  await exportBundle(db.url, join(dir, 'out'));
  const ex = t() - s;
  console.log(`exportBundle     ${ex.toFixed(2)} s  ${rate(N, ex)}`);
} finally {
  await db.close();
  clearInterval(sample);
  rmSync(dir, { recursive: true, force: true });
}
console.log(`peak RSS         ${mib(peak)} MiB`);
