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

/** The complete rows of one network chunk: row i is (nums[i], bytes[starts[i], ends[i])). */
export interface ByteRows {
  nums: number[];
  bytes: Buffer;
  starts: number[];
  ends: number[];
}

/**
 * Streams `COPY (query) TO STDOUT (FORMAT binary)` of (int8, text) rows, one batch per network
 * chunk, with the text as bytes: memory stays at one chunk however large the table, and no row
 * is decoded. Back-pressure reaches the server (the socket is not read while the consumer is
 * busy). A dropped connection or a stream that ends before the COPY trailer is ERR_DATABASE.
 */
export async function* streamInt8ByteRows(
  source: LedgerSource,
  query: (client: pg.Client) => string,
  what: string,
  table?: string,
): AsyncGenerator<ByteRows> {
  const own = typeof source === 'string';
  const client = typeof source === 'string' ? await connectClient(source) : source;
  let stream: ReturnType<typeof copyTo> | undefined;
  let finished = false;
  let saved: { t: string; s: string; j: string } | undefined;
  try {
    // Rows must come in index order as they are read, never from a sort of the whole log: with
    // stale statistics the planner sorts a million rows (spilling to disk) before sending one.
    // A stream lasts as long as verification takes, so statement_timeout (meant for metadata
    // queries) is lifted for it; lock_timeout still bounds its wait for a table lock. JIT is off:
    // a million-row stream is over its cost threshold, and compiling a plan that only reads
    // two columns in index order took ~30 ms of a core and saved nothing.
    try {
      saved = (
        await client.query<{ t: string; s: string; j: string }>(
          "SELECT current_setting('statement_timeout') AS t, current_setting('enable_sort') AS s, current_setting('jit') AS j, set_config('statement_timeout', '0', false), set_config('enable_sort', 'off', false), set_config('jit', 'off', false)",
        )
      ).rows[0]!;
    } catch (cause) {
      throw mapDbError(`${what}: preparing the stream`, cause, table === undefined ? {} : { table });
    }
    stream = client.query(copyTo(`COPY (${query(client)}) TO STDOUT (FORMAT binary)`));
    // The iterator below reports errors while it runs; this listener keeps a late error (our own
    // connection closed mid-COPY after an early stop) from becoming an uncaught exception.
    stream.on('error', () => undefined);
    const parser = new Int8TextCopyParser();
    // Rows are views of the chunk, except one cut by a chunk boundary (pieced together apart):
    // one batch per buffer the rows lie in, in order.
    let rows: ByteRows | undefined;
    const ready: ByteRows[] = [];
    const row = (n: number, bytes: Buffer, start: number, end: number): void => {
      if (rows === undefined || rows.bytes !== bytes) {
        rows = { nums: [], bytes, starts: [], ends: [] };
        ready.push(rows);
      }
      rows.nums.push(n);
      rows.starts.push(start);
      rows.ends.push(end);
    };
    try {
      // destroyOnReturn: false — if the consumer stops early, the COPY must stay drainable.
      const chunks = stream.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>;
      for await (const chunk of chunks) {
        parser.push(chunk, row);
        rows = undefined;
        for (let i = 0; i < ready.length; i++) yield ready[i] as ByteRows;
        ready.length = 0;
      }
    } catch (cause) {
      throw mapDbError(`${what}: the database stream failed`, cause, table === undefined ? {} : { table });
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
    else if (saved)
      await client
        .query(
          "SELECT set_config('statement_timeout', $1, false), set_config('enable_sort', $2, false), set_config('jit', $3, false)",
          [saved.t, saved.s, saved.j],
        )
        .catch(() => undefined);
  }
}

/** `streamInt8ByteRows` with the text decoded (UTF-8), in batches of `batchSize` rows. */
export async function* streamInt8TextRows(
  source: LedgerSource,
  query: (client: pg.Client) => string,
  batchSize: number,
  what: string,
  table?: string,
): AsyncGenerator<RowBatch> {
  let nums = new Float64Array(batchSize);
  let texts: string[] = [];
  for await (const rows of streamInt8ByteRows(source, query, what, table)) {
    for (let i = 0; i < rows.nums.length; i++) {
      nums[texts.length] = rows.nums[i] as number;
      texts.push(rows.bytes.toString('utf8', rows.starts[i], rows.ends[i]));
      if (texts.length === batchSize) {
        yield { nums, texts };
        nums = new Float64Array(batchSize);
        texts = [];
      }
    }
  }
  if (texts.length > 0) yield { nums: nums.subarray(0, texts.length), texts };
}
