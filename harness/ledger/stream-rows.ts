import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { InfraError } from '../errors/index.js';
import { connectClient } from '../db/connect.js';
import { Int8TextCopyParser } from './binary-copy.js';
import { mapDbError } from './map-db-error.js';
import type { LedgerSource } from './source.js';

export interface RowBatch {
  nums: Float64Array;
  texts: string[];
}

/**
 * Streams `COPY (query) TO STDOUT (FORMAT binary)` of (int8, text) rows in batches, parsing
 * incrementally: memory stays at one network chunk plus one batch however large the table.
 * Back-pressure reaches the server (the socket is not read while the consumer is busy).
 * A dropped connection or a stream that ends before the COPY trailer is InfraError ERR_DATABASE.
 */
export async function* streamInt8TextRows(
  source: LedgerSource,
  query: (client: pg.Client) => string,
  batchSize: number,
  what: string,
): AsyncGenerator<RowBatch> {
  const own = typeof source === 'string';
  const client = typeof source === 'string' ? await connectClient(source) : source;
  let stream: ReturnType<typeof copyTo> | undefined;
  let finished = false;
  try {
    stream = client.query(copyTo(`COPY (${query(client)}) TO STDOUT (FORMAT binary)`));
    // The iterator below reports errors while it runs; this listener keeps a late error (our own
    // connection closed mid-COPY after an early stop) from becoming an uncaught exception.
    stream.on('error', () => undefined);
    const parser = new Int8TextCopyParser();
    let nums = new Float64Array(batchSize);
    let texts: string[] = [];
    const ready: RowBatch[] = [];
    const row = (n: number, t: string): void => {
      nums[texts.length] = n;
      texts.push(t);
      if (texts.length === batchSize) {
        ready.push({ nums, texts });
        nums = new Float64Array(batchSize);
        texts = [];
      }
    };
    try {
      // destroyOnReturn: false — if the consumer stops early, the COPY must stay drainable.
      const chunks = stream.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>;
      for await (const chunk of chunks) {
        parser.push(chunk, row);
        while (ready.length > 0) yield ready.shift()!;
      }
    } catch (cause) {
      throw mapDbError(`${what}: the database stream failed`, cause);
    }
    if (!parser.done) {
      throw new InfraError(
        'ERR_DATABASE',
        `${what}: the COPY stream ended before its trailer (connection lost?)`,
        {
          hint: 'nothing after the last complete row was read; re-run once the server is reachable',
        },
      );
    }
    if (texts.length > 0) yield { nums: nums.subarray(0, texts.length), texts };
    finished = true;
  } finally {
    if (!finished && stream && !own) {
      // The caller's connection is mid-COPY (consumer stopped early or failed): drain it so the
      // client stays usable. Our own connection is simply closed.
      await (async () => {
        for await (const _ of stream as AsyncIterable<Buffer>) void _;
      })().catch(() => undefined);
    }
    if (own) await client.end().catch(() => undefined);
  }
}
