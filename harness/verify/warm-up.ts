import { leafHash } from '../lineage/hash.js';
import { ZERO_PREV } from '../proofs/record-claims.js';
import { OUTCOME_CODES } from '../proofs/outcome.js';
import { ed25519Signer } from '../proofs/signers.js';
import { recordHeaderSegment, signRecord } from '../proofs/sign-record.js';
import { RecordVerifier } from '../proofs/verify-record.js';
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
  const w = new WarmUp(records);
  while (w.step());
  return w.ok;
}

/**
 * `warmUp` in steps of one small batch, so that a worker can stop it as soon as real work arrives
 * (the warm-up only ever fills time the threads would otherwise wait).
 */
export class WarmUp {
  /** Records verified ok so far. */
  ok = 0;
  /** Records in each run still to do (the first is under way). */
  readonly #runs: number[];
  readonly #signer = ed25519Signer('warm-up', leafHash('proofgate warm-up key'));
  readonly #header = recordHeaderSegment(this.#signer);
  #verifier: RecordVerifier | undefined;
  readonly #pack = new RecordPack(1 << 16);
  #id = 0;
  #seq = 0;
  #prev = ZERO_PREV;

  constructor(records: number) {
    detachOnce();
    // Two runs over half the records each: V8 gives a function its feedback only after a few
    // calls, so the first run's first records (seq 0, prev all zeros) leave paths unrecorded that
    // the second fills.
    const half = Math.ceil(records / 2);
    this.#runs = [half, records - half].filter((n) => n > 0);
  }

  /** Verifies the next batch; false once every record is done. */
  step(): boolean {
    const run = this.#runs[0];
    if (run === undefined) return false;
    if (this.#verifier === undefined) {
      this.#verifier = this.#newVerifier();
      this.#seq = 0;
      this.#prev = ZERO_PREV;
    }
    const end = Math.min(run, this.#seq + BATCH);
    for (; this.#seq < end; this.#seq++) {
      const seq = this.#seq;
      const prev = this.#prev;
      const statement = { kind: 'proof', sha256: prev, subject: `urn:proofgate:warm-up:${seq}` };
      const claims = { log: ORIGIN, seq, prev, iat: 1_700_000_000 + 60 * seq, statement };
      const jws = signRecord(claims, this.#signer, this.#header);
      this.#prev = Buffer.from(leafHash(jws)).toString('hex');
      this.#pack.addText(seq, jws);
    }
    // Made the way a worker receives a task (structured clone of a WorkerMessage, buffers moved),
    // so verifyBatch sees the object shapes it will see.
    const taken = this.#pack.take(this.#id++);
    const task: WorkerMessage = structuredClone(
      { type: 'task', ...taken },
      { transfer: [taken.seqs.buffer, taken.bytes.buffer, taken.ends.buffer] as ArrayBuffer[] },
    );
    const r = verifyBatch(this.#verifier, ORIGIN, task);
    for (const o of r.outcomes) if (o === OK) this.ok++;
    if (this.#seq >= run) {
      this.#runs.shift();
      this.#verifier = undefined;
    }
    return this.#runs.length > 0;
  }

  #newVerifier(): RecordVerifier {
    const signer = this.#signer;
    return new RecordVerifier([
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
  }
}
