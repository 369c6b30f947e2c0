import type pg from 'pg';
import type { BundleAnchor, RecordBatch, RecordBytes } from '../bundle/types.js';
import { streamInt8ByteRows, streamInt8TextRows } from './stream-rows.js';
import type { LedgerSource } from './source.js';
import type { LedgerNames } from './read-ledger.js';
import { qualify } from './sql-name.js';

export interface StreamRecordsOptions extends LedgerNames {
  log: string;
  /** Inclusive bounds (default: the whole log). */
  fromSeq?: number;
  toSeq?: number;
  /** Records per batch (default 10 000). */
  batchSize?: number;
}

function bound(name: string, v: number | undefined, dflt: string): string {
  if (v === undefined) return dflt;
  if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${name} must be a whole number ≥ 0`);
  return String(v);
}

function recordsQuery(options: StreamRecordsOptions): (c: pg.Client) => string {
  const from = bound('fromSeq', options.fromSeq, '0');
  const to = bound('toSeq', options.toSeq, '9223372036854775807');
  const table = qualify('ledger_records', options.schema);
  return (c) =>
    `SELECT seq, jws FROM ${table} WHERE log = ${c.escapeLiteral(options.log)} AND seq BETWEEN ${from} AND ${to} ORDER BY seq`;
}

/**
 * Records of one log in seq order, as flat batches `{ seqs, jws }`, via binary COPY (never loads
 * the table). jws is the stored text byte for byte.
 */
export async function* streamRecords(
  source: LedgerSource,
  options: StreamRecordsOptions,
): AsyncGenerator<RecordBatch> {
  const rows = streamInt8TextRows(
    source,
    recordsQuery(options),
    options.batchSize ?? 10_000,
    `streaming records of ${options.log}`,
    qualify('ledger_records', options.schema),
  );
  for await (const b of rows) yield { seqs: b.nums, jws: b.texts };
}

export type { RecordBytes };

/**
 * `streamRecords` without decoding: one batch per network chunk, each JWS as its stored bytes
 * (valid until the next batch is requested). The verifier hands these to its workers as is.
 */
export async function* streamRecordBytes(
  source: LedgerSource,
  options: Omit<StreamRecordsOptions, 'batchSize'>,
): AsyncGenerator<RecordBytes> {
  const what = `streaming records of ${options.log}`;
  const table = qualify('ledger_records', options.schema);
  for await (const r of streamInt8ByteRows(source, recordsQuery(options), what, table)) {
    yield { seqs: r.nums, bytes: r.bytes, starts: r.starts, ends: r.ends };
  }
}

/** Anchors of one log in ascending tree size. */
export async function* streamAnchors(
  source: LedgerSource,
  options: { log: string } & LedgerNames,
): AsyncGenerator<BundleAnchor> {
  const table = qualify('ledger_anchors', options.schema);
  const rows = streamInt8TextRows(
    source,
    (c) =>
      `SELECT tree_size, checkpoint FROM ${table} WHERE log = ${c.escapeLiteral(options.log)} ORDER BY tree_size`,
    1_000,
    `streaming anchors of ${options.log}`,
    table,
  );
  for await (const b of rows) {
    for (let i = 0; i < b.texts.length; i++) yield { treeSize: b.nums[i]!, checkpoint: b.texts[i]! };
  }
}
