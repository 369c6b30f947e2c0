// Micro-benchmark: proofgate's strict record verification (RecordVerifier fast path) against raw
// node:crypto verify on the same signatures, single thread, plus jose compactVerify for context.
// Usage: npm run build && node scripts/bench-proofs.mjs [records=20000]
import { createPublicKey, verify } from 'node:crypto';
import * as jose from 'jose';
import { historyMaterial, historyRecords, resolveHistoryOptions } from '../dist/harness/history/index.js';
import { leafHash } from '../dist/harness/lineage/index.js';
import { RecordVerifier, ZERO_PREV, publicJwk } from '../dist/harness/proofs/index.js';

const N = Number(process.argv[2] ?? 20000);

function prepare(alg) {
  const options = resolveHistoryOptions({
    seed: `bench-${alg}`,
    records: N,
    anchorEvery: 0,
    keys: [{ alg, fromSeq: 0 }],
  });
  const material = historyMaterial(options);
  const records = [...historyRecords(options, material)];
  return { options, material, records };
}

async function time(fn, from, to) {
  const t0 = process.hrtime.bigint();
  await fn(from, to);
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

// The machine is shared, so runs alternate in short rounds and the median per-round ratio is
// reported: both sides see the same background load.
async function compare(fns) {
  const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);
  const chunk = Math.floor(N / ROUNDS);
  for (const fn of Object.values(fns)) await fn(0, Math.min(chunk, 300)); // warm-up
  const rates = Object.fromEntries(Object.keys(fns).map((k) => [k, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (const [k, fn] of Object.entries(fns))
      rates[k].push(chunk / (await time(fn, r * chunk, (r + 1) * chunk)));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const ratios = Object.fromEntries(
    Object.keys(fns).map((k) => [k, median(rates[k].map((x, i) => x / rates.raw[i]))]),
  );
  return { rates: Object.fromEntries(Object.keys(fns).map((k) => [k, median(rates[k])])), ratios };
}

for (const alg of ['EdDSA', 'ES256']) {
  const { options, material, records } = prepare(alg);
  const binding = material.bindings[0];
  const key = createPublicKey({ key: publicJwk(binding), format: 'jwk' });
  // Raw: signing input and signature bytes prepared up front: the pure crypto cost.
  const raw = records.map((r) => {
    const i = r.jws.lastIndexOf('.');
    return [Buffer.from(r.jws.slice(0, i), 'latin1'), Buffer.from(r.jws.slice(i + 1), 'base64url')];
  });
  const rawKey = alg === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' } : key;
  const hash = alg === 'ES256' ? 'sha256' : null;
  const prevs = [ZERO_PREV, ...records.map((r) => Buffer.from(leafHash(r.jws)).toString('hex'))];
  const verifier = new RecordVerifier(material.bindings);
  const { rates, ratios } = await compare({
    raw: (from, to) => {
      for (let i = from; i < to; i++)
        if (!verify(hash, raw[i][0], rawKey, raw[i][1])) throw new Error('raw verify failed');
    },
    fast: (from, to) => {
      for (let i = from; i < to; i++) {
        const out = verifier.verify(records[i].jws, { log: options.origin, seq: i, prev: prevs[i] });
        if (out.outcome !== 'ok') throw new Error(`seq ${i}: ${out.outcome}`);
      }
    },
    jose: async (from, to) => {
      // jose verifies through WebCrypto (async): awaited one by one, as a sequential verifier would.
      for (let i = from; i < to; i++) await jose.compactVerify(records[i].jws, key, { algorithms: [alg] });
    },
  });
  const f = (x) => `${Math.round(x).toLocaleString('en-US')}/s`;
  console.log(
    `${alg.padEnd(5)} n=${N}: raw crypto.verify ${f(rates.raw)} · RecordVerifier (strict header, JCS payload, validity, seq/prev) ${f(rates.fast)} ` +
      `→ ratio ${ratios.fast.toFixed(2)} · jose compactVerify ${f(rates.jose)} → ratio ${ratios.jose.toFixed(2)} (median of ${process.env.BENCH_ROUNDS ?? 25} interleaved rounds)`,
  );
}
