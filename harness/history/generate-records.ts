import { createHash } from 'node:crypto';
import { leafHash } from '../lineage/hash.js';
import { ZERO_PREV, type RecordClaims } from '../proofs/record-claims.js';
import { recordHeaderSegment, signRecord } from '../proofs/sign-record.js';
import { historyMaterial, type HistoryMaterial } from './material.js';
import { resolveHistoryOptions, type HistoryOptions } from './options.js';

export interface GeneratedRecord {
  seq: number;
  jws: string;
  /** RFC 6962 leaf hash of the JWS (the next record's prev). */
  leaf: Uint8Array;
}

/** The statement of record seq: small, deterministic, varied enough to look like real proofs. */
function statement(seed: string, seq: number): Record<string, unknown> {
  const digest = createHash('sha256').update(`${seed}\u0000statement\u0000${seq}`).digest('hex');
  return {
    kind: seq % 5 === 0 ? 'release' : 'proof',
    subject: `urn:proofgate:doc:${seq}`,
    sha256: digest,
  };
}

/** Synchronous form: records in seq order, chained by prev, each signed by its window's key. */
export function* historyRecords(
  options: HistoryOptions,
  material?: HistoryMaterial,
): Generator<GeneratedRecord> {
  const o = resolveHistoryOptions(options); // idempotent on already-resolved options
  const m = material ?? historyMaterial(o);
  const headers = m.signers.map((s) => recordHeaderSegment(s));
  let prev = ZERO_PREV;
  let k = 0;
  for (let seq = 0; seq < o.records; seq++) {
    while ((o.keys[k]?.toSeq ?? Number.POSITIVE_INFINITY) <= seq) k++;
    const claims: RecordClaims = {
      log: o.origin,
      seq,
      prev,
      iat: o.startTime + seq * o.secondsPerRecord,
      statement: statement(o.seed, seq),
    };
    const jws = signRecord(claims, m.signers[k]!, headers[k]);
    const leaf = leafHash(jws);
    prev = Buffer.from(leaf).toString('hex');
    yield { seq, jws, leaf };
  }
}

/** Async form for benchmarks and streaming writers: nothing is held in memory. */
export async function* generateRecords(options: HistoryOptions): AsyncGenerator<GeneratedRecord> {
  yield* historyRecords(options);
}
