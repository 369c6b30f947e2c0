import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../report/index.js';
import { bundleSource } from './bundle-source.js';
import { tempBundle } from './testing.js';
import { verifyLog } from './verify-log.js';
import { WARM_UP_RECORDS, warmUp } from './warm-up.js';
import { WorkerPool } from './worker-pool.js';

type Bundle = Awaited<ReturnType<typeof tempBundle>>;
const open: Bundle[] = [];
const pools: WorkerPool[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.remove()));
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

async function report(dir: string, pool: WorkerPool) {
  const { report } = await verifyLog(await bundleSource(dir), { pool });
  return canonicalJson(report!.body);
}

describe('warming the verification workers up', () => {
  it('verifies every record of its generated history ok, in this thread too', () => {
    // All ok: anything else means it ran a failure path, not the one a real log takes.
    expect(warmUp(300)).toBe(300);
    expect(warmUp(1)).toBe(1);
  });

  it('resolves per worker with all its records ok', async () => {
    const pool = new WorkerPool(2);
    pools.push(pool);
    expect(await pool.warmUp()).toEqual([WARM_UP_RECORDS, WARM_UP_RECORDS]);
  });

  it('changes no verdict: a warmed pool reports byte-identically, and a tampered record still fails', async () => {
    const b = await tempBundle(400, 100);
    open.push(b);
    const cold = new WorkerPool(2);
    const warm = new WorkerPool(2);
    pools.push(cold, warm);
    await warm.warmUp(1000);
    expect(await report(b.dir, warm)).toBe(await report(b.dir, cold));

    // One record re-signed by nobody: a flipped signature byte.
    const file = join(b.dir, 'records.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n');
    const r = JSON.parse(lines[7]!) as { seq: number; jws: string };
    const s = r.jws.slice(-10);
    r.jws = r.jws.slice(0, -10) + (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    lines[7] = JSON.stringify(r);
    writeFileSync(file, lines.join('\n'));
    const tampered = await report(b.dir, warm);
    expect(tampered).toBe(await report(b.dir, cold));
    expect(JSON.parse(tampered)).toMatchObject({ verdict: 'FAIL', counts: { 'bad-signature': 1 } });
  });

  it('real work stops a warm-up where it is: the job is not held up, its report is unchanged', async () => {
    const b = await tempBundle(300, 100);
    open.push(b);
    const cold = new WorkerPool(1);
    const warming = new WorkerPool(1);
    pools.push(cold, warming);
    // 100 000 records would take seconds; the job's first message ends it after one small batch.
    const warmed = warming.warmUp(100_000);
    const body = await report(b.dir, warming);
    const [done] = await warmed;
    expect(done).toBeLessThan(100_000);
    expect(body).toBe(await report(b.dir, cold));
  });

  it('a pool closed while it warms up settles the warm-up (0 records), never hangs', async () => {
    const pool = new WorkerPool(1);
    const warming = pool.warmUp(100_000);
    await pool.close();
    expect(await warming).toEqual([0]);
  });
});
