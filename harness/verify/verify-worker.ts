import { parentPort } from 'node:worker_threads';
import { RecordVerifier } from '../proofs/verify-record.js';
import { verifyBatch } from './verify-batch.js';
import { WarmUp } from './warm-up.js';
import { detachOnce } from './detach-once.js';
import type { WarmedReply, WorkerInit, WorkerMessage, WorkerReply } from './worker-protocol.js';

// Worker thread entry (compiled to dist/; see paths.distModule). One verifier per job, so key
// objects and checked headers are cached per thread; a pool is reused across jobs (a rehearsal
// verifies twice) without paying thread start-up and warm-up again.
const port = parentPort;
if (port === null) throw new Error('verify-worker must run in a worker thread');
detachOnce(); // every result's buffers are transferred (see detach-once.ts)
let job: { init: WorkerInit; verifier: RecordVerifier } | undefined;
let warming: WarmUp | undefined;

/** Reports the warm-up's count and drops it (done, failed, or stopped because real work came). */
function endWarmUp(): void {
  if (warming === undefined) return;
  port!.postMessage({ type: 'warmed', ok: warming.ok } satisfies WarmedReply);
  warming = undefined;
}

/** One batch of the warm-up per turn of the event loop, so a job's messages are never held up. */
function warmStep(): void {
  if (warming === undefined) return;
  let more = false;
  try {
    more = warming.step();
  } catch {
    more = false; // only speed depends on it: a failed warm-up ends, it never throws
  }
  if (more) setImmediate(warmStep);
  else endWarmUp();
}

port.on('message', (message: WorkerMessage) => {
  if (message.type === 'warm-up') {
    endWarmUp();
    warming = new WarmUp(message.records);
    setImmediate(warmStep);
    return;
  }
  // Real work stops the warm-up where it is.
  endWarmUp();
  if (message.type === 'job') {
    job = { init: message.init, verifier: new RecordVerifier(message.init.keys, message.init.profile) };
    return;
  }
  let reply: WorkerReply;
  try {
    if (job === undefined) throw new Error('task before any job configuration');
    reply = { id: message.id, ok: true, result: verifyBatch(job.verifier, job.init.origin, message) };
  } catch (e) {
    reply = { id: message.id, ok: false, error: (e as Error).stack ?? String(e) };
  }
  const transfer = reply.ok
    ? [
        reply.result.seqs.buffer,
        reply.result.bytes.buffer,
        reply.result.outcomes.buffer,
        reply.result.leaves.buffer,
        reply.result.prevs.buffer,
        ...(reply.result.links ? [reply.result.links.buffer] : []),
      ]
    : [];
  port.postMessage(reply, transfer as ArrayBuffer[]);
});
