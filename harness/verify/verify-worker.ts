import { parentPort, workerData } from 'node:worker_threads';
import { RecordVerifier } from '../proofs/index.js';
import { verifyBatch } from './verify-batch.js';
import type { WorkerInit, WorkerReply, WorkerTask } from './worker-protocol.js';

// Worker thread entry (compiled to dist/; see paths.distModule): one verifier per worker, so key
// objects and checked headers are cached per thread.
const init = workerData as WorkerInit;
const verifier = new RecordVerifier(init.keys);
const port = parentPort;
if (port === null) throw new Error('verify-worker must run in a worker thread');

port.on('message', (task: WorkerTask) => {
  let reply: WorkerReply;
  try {
    reply = { id: task.id, ok: true, result: verifyBatch(verifier, init.origin, task) };
  } catch (e) {
    reply = { id: task.id, ok: false, error: (e as Error).stack ?? String(e) };
  }
  const transfer = reply.ok
    ? [reply.result.outcomes.buffer, reply.result.leaves.buffer, reply.result.prevs.buffer]
    : [];
  port.postMessage(reply, transfer as ArrayBuffer[]);
});
