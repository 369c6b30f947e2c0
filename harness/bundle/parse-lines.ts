import { bundleError } from './read-lines.js';
import type { BundleAnchor, BundleRecord } from './types.js';

// Each line must be exactly the bytes JSON.stringify gives for its one object, members in the
// agreed order: `{"seq":N,"jws":"…"}` / `{"treeSize":N,"checkpoint":"…"}`. Anything else (extra
// or missing members, spaces, reordered members, duplicate members, CR) is ERR_BUNDLE. Whether
// seqs ascend without gaps is NOT judged here: the verifier reports it as a per-record outcome.

// The common case (base64url JWS, nothing to escape) without JSON.parse.
const FAST_RECORD = /^\{"seq":(0|[1-9][0-9]{0,15}),"jws":"([A-Za-z0-9_.-]*)"\}$/;

function parseStrict(file: string, lineNo: number, line: string): Record<string, unknown> {
  if (line === '') throw bundleError(file, lineNo, 'empty line');
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch (e) {
    throw bundleError(file, lineNo, `not JSON: ${(e as Error).message}`);
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw bundleError(file, lineNo, 'not a JSON object');
  }
  return v as Record<string, unknown>;
}

function checkCount(file: string, lineNo: number, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    throw bundleError(file, lineNo, `"${name}" must be a whole number ≥ 0, got ${JSON.stringify(v)}`);
  }
  return v;
}

export function parseRecordLine(file: string, lineNo: number, line: string): BundleRecord {
  const m = FAST_RECORD.exec(line);
  if (m) {
    const seq = Number(m[1]);
    if (Number.isSafeInteger(seq)) return { seq, jws: m[2]! };
  }
  const o = parseStrict(file, lineNo, line);
  const keys = Object.keys(o);
  if (keys.length !== 2 || keys[0] !== 'seq' || keys[1] !== 'jws') {
    throw bundleError(
      file,
      lineNo,
      `expected exactly {"seq":N,"jws":"…"}, got members ${JSON.stringify(keys)}`,
    );
  }
  const seq = checkCount(file, lineNo, 'seq', o.seq);
  if (typeof o.jws !== 'string') throw bundleError(file, lineNo, '"jws" must be a string');
  const rec = { seq, jws: o.jws };
  if (JSON.stringify(rec) !== line) {
    throw bundleError(
      file,
      lineNo,
      'line is not in canonical form {"seq":N,"jws":"…"} (no spaces, no duplicate members)',
    );
  }
  return rec;
}

export function parseAnchorLine(file: string, lineNo: number, line: string): BundleAnchor {
  const o = parseStrict(file, lineNo, line);
  const keys = Object.keys(o);
  if (keys.length !== 2 || keys[0] !== 'treeSize' || keys[1] !== 'checkpoint') {
    throw bundleError(
      file,
      lineNo,
      `expected exactly {"treeSize":N,"checkpoint":"…"}, got members ${JSON.stringify(keys)}`,
    );
  }
  const treeSize = checkCount(file, lineNo, 'treeSize', o.treeSize);
  if (typeof o.checkpoint !== 'string') throw bundleError(file, lineNo, '"checkpoint" must be a string');
  const a = { treeSize, checkpoint: o.checkpoint };
  if (JSON.stringify(a) !== line) {
    throw bundleError(file, lineNo, 'line is not in canonical form {"treeSize":N,"checkpoint":"…"}');
  }
  return a;
}
