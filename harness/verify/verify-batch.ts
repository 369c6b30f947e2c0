import { leafHash } from '../lineage/hash.js';
import { OUTCOME_CODES, RecordVerifier } from '../proofs/index.js';
import type { WorkerResult, WorkerTask } from './worker-protocol.js';

const CODE_INDEX = new Map(OUTCOME_CODES.map((c, i) => [c, i]));

/**
 * The per-record work, run inside a worker thread: strict JWS verification under the bound key
 * (no chain: that needs the previous record, which may be in another batch), leaf hash, prev.
 */
export function verifyBatch(verifier: RecordVerifier, origin: string, task: WorkerTask): WorkerResult {
  const n = task.jws.length;
  const outcomes = new Uint8Array(n);
  const leaves = new Uint8Array(32 * n);
  const prevs = new Uint8Array(32 * n);
  const hasPrev = new Uint8Array(n);
  const notes: WorkerResult['notes'] = [];
  for (let i = 0; i < n; i++) {
    const jws = task.jws[i] as string;
    const v = verifier.verify(jws, { log: origin, seq: task.seqs[i] as number });
    outcomes[i] = CODE_INDEX.get(v.outcome) as number;
    leaves.set(leafHash(Buffer.from(jws, 'utf8')), 32 * i);
    const prev = v.claims?.prev;
    if (prev !== undefined && /^[0-9a-f]{64}$/.test(prev)) {
      prevs.set(Buffer.from(prev, 'hex'), 32 * i);
      hasPrev[i] = 1;
    }
    if (v.outcome !== 'ok')
      notes.push({ i, ...(v.reason ? { reason: v.reason } : {}), ...(v.kid ? { kid: v.kid } : {}) });
  }
  return { id: task.id, outcomes, leaves, prevs, hasPrev, notes };
}
