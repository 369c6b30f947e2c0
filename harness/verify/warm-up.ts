import { leafHash } from '../lineage/hash.js';
import { ZERO_PREV } from '../proofs/record-claims.js';
import {
  OUTCOME_CODES,
  RecordVerifier,
  ed25519Signer,
  recordHeaderSegment,
  signRecord,
} from '../proofs/index.js';
import { RecordPack } from './record-pack.js';
import { detachOnce } from './detach-once.js';
import { verifyBatch } from './verify-batch.js';
import type { WorkerMessage } from './worker-protocol.js';

/** Records a worker verifies to warm up: enough for V8 to optimise the per-record path. */
export const WARM_UP_RECORDS = 2048;
// Small batches: verifyBatch itself must be called often enough to be optimised as a function,
// not only entered on-stack in one long loop.
const BATCH = 64;
const ORIGIN = 'proofgate.invalid/warm-up';
const OK = OUTCOME_CODES.indexOf('ok');

/**
 * Runs the per-record path (verifyBatch: header, base64url, libsodium, payload scan, leaf and tree
 * hashes, chain) over a small chained history that a throwaway key signs here, so the JIT has
 * optimised it before a log's first batch arrives. Nothing of it is kept: verifier, key and
 * results are local, and a job configures its own verifier afterwards. Returns how many records
 * verified ok: all of them, or the warm-up did not take the path it is meant to warm.
 */
export function warmUp(records = WARM_UP_RECORDS): number {
  // Twice over half the records: V8 gives a function its feedback only after a few calls, so the
  // first run's first records (seq 0, prev all zeros) leave paths unrecorded that the second fills.
  detachOnce();
  const half = Math.ceil(records / 2);
  return warmUpOnce(half) + warmUpOnce(records - half);
}

function warmUpOnce(records: number): number {
  const signer = ed25519Signer('warm-up', leafHash('proofgate warm-up key'));
  const header = recordHeaderSegment(signer);
  const verifier = new RecordVerifier([
    {
      ...signer.jwk,
      kid: signer.kid,
      alg: signer.alg,
      use: 'sig',
      valid_from: '2000-01-01T00:00:00Z',
      valid_until: null,
      revoked_at: null,
    },
  ]);
  const pack = new RecordPack(1 << 16);
  let ok = 0;
  let id = 0;
  const run = () => {
    // Made the way a worker receives a task (structured clone of a WorkerMessage, buffers moved), so
    // verifyBatch sees the object shapes it will see.
    const taken = pack.take(id++);
    const task: WorkerMessage = structuredClone(
      { type: 'task', ...taken },
      { transfer: [taken.seqs.buffer, taken.bytes.buffer, taken.ends.buffer] as ArrayBuffer[] },
    );
    const r = verifyBatch(verifier, ORIGIN, task);
    for (const o of r.outcomes) if (o === OK) ok++;
  };
  let prev = ZERO_PREV;
  for (let seq = 0; seq < records; seq++) {
    const statement = { kind: 'proof', sha256: prev, subject: `urn:proofgate:warm-up:${seq}` };
    const jws = signRecord(
      { log: ORIGIN, seq, prev, iat: 1_700_000_000 + 60 * seq, statement },
      signer,
      header,
    );
    prev = Buffer.from(leafHash(jws)).toString('hex');
    pack.addText(seq, jws);
    if (pack.length === BATCH) run();
  }
  if (pack.length > 0) run();
  return ok;
}
