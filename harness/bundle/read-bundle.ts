import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { bundleError, readLineBatches } from './read-lines.js';
import { readJsonFile } from './read-json-file.js';
import { readRecordBytes } from './read-record-bytes.js';
import { parseAnchorLine, parseRecordLine } from './parse-lines.js';
import { validateKeys } from './validate-keys.js';
import { validateManifest } from './validate-manifest.js';
import {
  BUNDLE_FILES,
  type BundleAnchor,
  type BundleManifest,
  type BundleRecord,
  type KeyBinding,
  type RecordBatch,
  type RecordBytes,
} from './types.js';

export interface Bundle {
  dir: string;
  manifest: BundleManifest;
  keys: KeyBinding[];
  /** Streams records.jsonl line by line; each call starts again from the first line. */
  records(): AsyncIterable<BundleRecord>;
  /** The same, in flat batches of up to `batchSize` records (default 10 000). */
  recordBatches(batchSize?: number): AsyncIterable<RecordBatch>;
  /** The same records as their JWS bytes, never decoded (see RecordBytes). */
  recordBytes(): AsyncIterable<RecordBytes>;
  anchors(): AsyncIterable<BundleAnchor>;
}

/**
 * Opens a bundle folder: manifest and keys are read and validated now, records and anchors are
 * streamed on demand (never loaded whole). Every malformation is InputError ERR_BUNDLE naming
 * file:line (or file#/pointer for the JSON files).
 */
export async function readBundle(dir: string): Promise<Bundle> {
  const path = (f: string) => join(dir, f);
  const st = await stat(dir).catch(() => undefined);
  if (!st?.isDirectory())
    throw bundleError(
      dir,
      undefined,
      'bundle folder is missing',
      'pass the folder holding manifest.json, keys.jwks.json, records.jsonl and anchors.jsonl',
    );
  const manifest = validateManifest(
    path(BUNDLE_FILES.manifest),
    await readJsonFile(path(BUNDLE_FILES.manifest)),
  );
  const keys = validateKeys(path(BUNDLE_FILES.keys), await readJsonFile(path(BUNDLE_FILES.keys)));
  for (const f of [BUNDLE_FILES.records, BUNDLE_FILES.anchors]) {
    const s = await stat(path(f)).catch(() => undefined);
    if (!s?.isFile())
      throw bundleError(
        path(f),
        undefined,
        'file is missing',
        'an empty history still has an empty records.jsonl / anchors.jsonl',
      );
  }
  const recordsFile = path(BUNDLE_FILES.records);
  const anchorsFile = path(BUNDLE_FILES.anchors);

  async function* recordBatches(batchSize = 10_000): AsyncGenerator<RecordBatch> {
    let seqs = new Float64Array(batchSize);
    let jws: string[] = [];
    for await (const { first, lines } of readLineBatches(recordsFile)) {
      for (let i = 0; i < lines.length; i++) {
        const r = parseRecordLine(recordsFile, first + i, lines[i]!);
        seqs[jws.length] = r.seq;
        jws.push(r.jws);
        if (jws.length === batchSize) {
          yield { seqs, jws };
          seqs = new Float64Array(batchSize);
          jws = [];
        }
      }
    }
    if (jws.length > 0) yield { seqs: seqs.subarray(0, jws.length), jws };
  }

  return {
    dir,
    manifest,
    keys,
    recordBatches,
    recordBytes: () => readRecordBytes(recordsFile),
    async *records() {
      for await (const { first, lines } of readLineBatches(recordsFile)) {
        for (let i = 0; i < lines.length; i++) yield parseRecordLine(recordsFile, first + i, lines[i]!);
      }
    },
    async *anchors() {
      for await (const { first, lines } of readLineBatches(anchorsFile)) {
        for (let i = 0; i < lines.length; i++) yield parseAnchorLine(anchorsFile, first + i, lines[i]!);
      }
    },
  };
}
