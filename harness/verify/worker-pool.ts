import { Worker } from 'node:worker_threads';
import { InfraError, UsageError } from '../errors/index.js';
import { distModule } from '../paths.js';
import { detachOnce } from './detach-once.js';
import { MAX_WORKERS } from './max-workers.js';
import { WARM_UP_RECORDS } from './warm-up.js';

export { MAX_WORKERS };
import type {
  WarmedReply,
  WorkerInit,
  WorkerMessage,
  WorkerReply,
  WorkerResult,
  WorkerTask,
} from './worker-protocol.js';

/**
 * Verification workers. `job()` configures every worker for one log; tasks then go to the
 * least-loaded worker and come back as promises that the caller consumes in submission order. A
 * pool can serve several jobs one after another (start it early, reuse it). A worker that dies
 * fails every task it held (exit 2).
 */
export class WorkerPool {
  readonly size: number;
  readonly #workers: {
    worker: Worker;
    pending: Map<number, (r: WorkerReply | Error) => void>;
    warmed: ((ok: number) => void)[];
  }[] = [];

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1 || size > MAX_WORKERS)
      throw new UsageError(`verification workers: ${size} is not a whole number from 1 to ${MAX_WORKERS}`);
    this.size = size;
    detachOnce(); // this thread transfers every task's buffers (see detach-once.ts)
    const url = distModule('verify/verify-worker.ts');
    for (let i = 0; i < size; i++) {
      const worker = new Worker(url);
      const slot = {
        worker,
        pending: new Map<number, (r: WorkerReply | Error) => void>(),
        warmed: [] as ((ok: number) => void)[],
      };
      worker.on('message', (reply: WorkerReply | WarmedReply) => {
        if ('type' in reply) {
          slot.warmed.shift()?.(reply.ok);
          return;
        }
        const done = slot.pending.get(reply.id);
        slot.pending.delete(reply.id);
        done?.(reply);
      });
      const failAll = (e: Error) => {
        for (const done of slot.pending.values()) done(e);
        slot.pending.clear();
        for (const warmed of slot.warmed.splice(0)) warmed(0);
      };
      worker.on('error', failAll);
      worker.on('exit', (code) => {
        if (slot.pending.size || slot.warmed.length)
          failAll(new Error(`verification worker exited with code ${code}`));
      });
      this.#workers.push(slot);
    }
  }

  /**
   * Has every worker verify a small generated history (see warm-up.ts) so that V8 has optimised the
   * per-record path before the first job: for a caller that starts the pool while it waits on
   * something else (a database to start, a source to open). A job or task stops a worker's warm-up
   * where it is, so it only fills time the threads would wait anyway. Resolves, per worker, with
   * the records that verified ok (fewer when real work stopped it, 0 if it failed: it only ever
   * affects speed); never rejects.
   */
  warmUp(records = WARM_UP_RECORDS): Promise<number[]> {
    return Promise.all(
      this.#workers.map(
        (slot) =>
          new Promise<number>((resolve) => {
            slot.warmed.push(resolve);
            slot.worker.postMessage({ type: 'warm-up', records } satisfies WorkerMessage);
          }),
      ),
    );
  }

  /** Configures every worker for the next tasks (messages on a port arrive in order). */
  job(init: WorkerInit): void {
    if (this.#workers.some((s) => s.pending.size > 0))
      throw new Error('WorkerPool.job(): the previous job still has tasks');
    for (const slot of this.#workers) slot.worker.postMessage({ type: 'job', init } satisfies WorkerMessage);
  }

  run(task: WorkerTask): Promise<WorkerResult> {
    const slot = this.#workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    return new Promise((resolve, reject) => {
      slot.pending.set(task.id, (r) => {
        if (r instanceof Error)
          reject(new InfraError('ERR_INTERNAL', `verification worker failed: ${r.message}`, { cause: r }));
        else if (!r.ok) reject(new InfraError('ERR_INTERNAL', `verification worker failed: ${r.error}`));
        else resolve(r.result);
      });
      // The task's buffers move to the worker (the caller does not touch them again).
      slot.worker.postMessage({ type: 'task', ...task } satisfies WorkerMessage, [
        task.seqs.buffer as ArrayBuffer,
        task.bytes.buffer as ArrayBuffer,
        task.ends.buffer as ArrayBuffer,
      ]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((s) => s.worker.terminate()));
  }
}
