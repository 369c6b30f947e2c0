import { isDefaultProfile, type RecordProfile } from '../proofs/record-profile.js';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { stableJson } from './stable-json.js';
import {
  BUNDLE_FILES,
  BUNDLE_FORMAT,
  type BundleAnchor,
  type BundleRecord,
  type KeyBinding,
  type RecordBatch,
} from './types.js';

type Many<T> = Iterable<T> | AsyncIterable<T>;

export interface WriteBundleInput {
  /** The record profile, written to the manifest unless it is proofgate's own. */
  profile?: RecordProfile;
  origin: string;
  noteKeys: readonly string[];
  keys: readonly KeyBinding[];
  /** Records in the order to write them (written as given: tampered fixtures may be out of order). */
  records: Many<BundleRecord | RecordBatch>;
  anchors: Many<BundleAnchor>;
}

export interface WriteBundleResult {
  records: number;
  anchors: number;
}

/** Writes lines with backpressure through a temp file that is renamed into place at the end. */
class LineFile {
  private readonly out;
  private buf: string[] = [];
  private size = 0;
  readonly tmp: string;
  constructor(readonly target: string) {
    this.tmp = `${target}.${randomBytes(4).toString('hex')}.tmp`;
    this.out = createWriteStream(this.tmp);
  }
  /** Buffers one line; true when the buffer should be flushed (kept sync: called per record). */
  push(s: string): boolean {
    this.buf.push(s);
    this.size += s.length + 1;
    return this.size >= 1 << 20;
  }
  async line(s: string): Promise<void> {
    if (this.push(s)) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.buf.length === 0) return;
    const chunk = this.buf.join('\n') + '\n';
    this.buf = [];
    this.size = 0;
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }
  async close(): Promise<void> {
    await this.flush();
    this.out.end();
    await once(this.out, 'close');
  }
  async abort(): Promise<void> {
    this.out.destroy();
    await rm(this.tmp, { force: true });
  }
}

const PLAIN = /^[A-Za-z0-9_.-]*$/;

function recordLine(seq: number, jws: string): string {
  if (!Number.isSafeInteger(seq) || seq < 0)
    throw new TypeError(`writeBundle: seq ${seq} is not a whole number ≥ 0`);
  if (typeof jws !== 'string') throw new TypeError(`writeBundle: jws of seq ${seq} is not a string`);
  // Base64url JWS text needs no JSON escaping: skip JSON.stringify on the common path.
  return PLAIN.test(jws) ? `{"seq":${seq},"jws":"${jws}"}` : JSON.stringify({ seq, jws });
}

/**
 * Writes the bundle format byte-exactly: JSON files with sorted keys, 2-space indentation and a
 * final newline; keys sorted by kid; one `{"seq":N,"jws":"…"}` / `{"treeSize":N,"checkpoint":"…"}`
 * per line. Files appear by rename once complete, manifest.json last.
 */
export async function writeBundle(dir: string, input: WriteBundleInput): Promise<WriteBundleResult> {
  await mkdir(dir, { recursive: true });
  const records = new LineFile(join(dir, BUNDLE_FILES.records));
  const anchors = new LineFile(join(dir, BUNDLE_FILES.anchors));
  const keysFile = new LineFile(join(dir, BUNDLE_FILES.keys));
  const manifestFile = new LineFile(join(dir, BUNDLE_FILES.manifest));
  const all = [records, anchors, keysFile, manifestFile];
  let nRecords = 0;
  let nAnchors = 0;
  try {
    for await (const item of input.records) {
      if ('seqs' in item) {
        for (let i = 0; i < item.jws.length; i++) {
          if (records.push(recordLine(item.seqs[i]!, item.jws[i]!))) await records.flush();
        }
        nRecords += item.jws.length;
      } else {
        await records.line(recordLine(item.seq, item.jws));
        nRecords++;
      }
    }
    for await (const a of input.anchors) {
      if (!Number.isSafeInteger(a.treeSize) || a.treeSize < 0)
        throw new TypeError(`writeBundle: treeSize ${a.treeSize} is not a whole number ≥ 0`);
      await anchors.line(JSON.stringify({ treeSize: a.treeSize, checkpoint: a.checkpoint }));
      nAnchors++;
    }
    const keys = [...input.keys].sort((a, b) => (a.kid < b.kid ? -1 : a.kid > b.kid ? 1 : 0));
    await keysFile.line(stableJson({ keys }).slice(0, -1));
    await manifestFile.line(
      stableJson({
        format: BUNDLE_FORMAT,
        origin: input.origin,
        noteKeys: [...input.noteKeys],
        ...(input.profile !== undefined && !isDefaultProfile(input.profile)
          ? { profile: input.profile }
          : {}),
      }).slice(0, -1),
    );
    for (const f of all) await f.close();
    for (const f of all) await rename(f.tmp, f.target);
  } catch (e) {
    for (const f of all) await f.abort();
    throw e;
  }
  return { records: nRecords, anchors: nAnchors };
}
