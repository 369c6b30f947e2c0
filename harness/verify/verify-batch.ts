import { sha256Into } from '../lineage/sha256-into.js';
import { OUTCOME_CODES, type OutcomeCode } from '../proofs/outcome.js';
import { PLAIN_OK, PLAIN_OK_PREV } from '../proofs/plain-fields.js';
import { outcomeLeafHash } from '../proofs/verification-digest.js';
import { RecordVerifier } from '../proofs/verify-record.js';
import { SubtreeRange } from './subtree-range.js';
import type { WorkerResult, WorkerTask } from './worker-protocol.js';

const CODE_INDEX = new Map(OUTCOME_CODES.map((c, i) => [c, i]));
const OK = CODE_INDEX.get('ok') as number;
const CHAIN_BREAK = CODE_INDEX.get('chain-break') as number;

// Value of each lowercase hex digit by char code (claims.prev is 64 of them: parseRecordClaims).
const HEX = new Uint8Array(128);
for (let c = 0; c < 16; c++) HEX['0123456789abcdef'.charCodeAt(c)] = c;

/** Buffer.write(prev, at, 'hex') for a checked 64-digit lowercase hex string, without the call. */
function writePrev(prev: string, out: Uint8Array, at: number): void {
  for (let k = 0; k < 32; k++)
    out[at + k] =
      ((HEX[prev.charCodeAt(2 * k)] as number) << 4) | (HEX[prev.charCodeAt(2 * k + 1)] as number);
}

/** prevs[i] = links[i-1], compared in place (no views, no native call per record). */
function linked(prevs: Uint8Array, links: Uint8Array, i: number): boolean {
  const p = 32 * i;
  const l = 32 * (i - 1);
  for (let k = 0; k < 32; k++) if (prevs[p + k] !== links[l + k]) return false;
  return true;
}

/**
 * The per-record work, run inside a worker thread: strict JWS verification under the bound key
 * (no chain: that needs the previous record, which may be in another batch), leaf hash, prev.
 */
export function verifyBatch(verifier: RecordVerifier, origin: string, task: WorkerTask): WorkerResult {
  const n = task.seqs.length;
  const bytes = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
  const buffer = task.bytes.buffer;
  const offset = task.bytes.byteOffset;
  const outcomes = new Uint8Array(n);
  const leaves = new Uint8Array(32 * n);
  const prevs = new Uint8Array(32 * n);
  const hasPrev = new Uint8Array(n);
  const notes: WorkerResult['notes'] = [];
  // Resolved once per batch from the compiled profile: seqs are tree positions + firstSeq, and the
  // value a record's prev must equal is its predecessor's leaf hash, token hash, or nothing.
  const firstSeq = verifier.firstSeq;
  const chain = verifier.chain;
  const links = chain === 'sha256-of-prev-token' ? new Uint8Array(32 * n) : leaves;
  let start = 0;
  const context = { log: origin, seq: 0 }; // one object for the batch, not one per record
  for (let i = 0; i < n; i++) {
    const end = task.ends[i] as number;
    context.seq = (task.seqs[i] as number) + firstSeq;
    // bytes[start] is the 0x00 leaf prefix; the JWS follows it.
    if (bytes[start] !== 0x00) throw new RangeError('a leaf input starts with 0x00');
    const v = verifier.verifyRecordBytes(bytes, start + 1, end, context, prevs, 32 * i);
    // RFC 6962 leaf: bytes[start] is the 0x00 prefix (RecordPack), so SHA-256 of the view is the leaf hash.
    sha256Into(new Uint8Array(buffer, offset + start, end - start), leaves, 32 * i);
    if (links !== leaves)
      sha256Into(new Uint8Array(buffer, offset + start + 1, end - start - 1), links, 32 * i);
    if (v === PLAIN_OK_PREV) {
      outcomes[i] = OK;
      hasPrev[i] = 1;
    } else if (v === PLAIN_OK) {
      outcomes[i] = OK;
    } else {
      outcomes[i] = CODE_INDEX.get(v.outcome) as number;
      // claims exist only when they parsed, and then prev is 64 lowercase hex digits.
      if (v.claims !== undefined) {
        writePrev(v.claims.prev, prevs, 32 * i);
        hasPrev[i] = 1;
      }
      if (v.outcome !== 'ok')
        notes.push({ i, ...(v.reason ? { reason: v.reason } : {}), ...(v.kid ? { kid: v.kid } : {}) });
    }
    start = end;
  }
  const result: WorkerResult = {
    id: task.id,
    seqs: task.seqs,
    bytes: task.bytes,
    outcomes,
    leaves,
    prevs,
    hasPrev,
    notes,
    ...(links !== leaves ? { links } : {}),
  };
  const first = task.seqs[0];
  if (n > 0 && first !== undefined && task.seqs[n - 1] === first + n - 1) {
    // Contiguous: build both trees' ranges here, off the main thread. Inside the batch the previous
    // record is always present, so the chain rule is the caller's: ok + prev ≠ leaf(seq-1) → chain-break.
    const content = new SubtreeRange(first);
    const outcomeRange = new SubtreeRange(first);
    for (let i = 0; i < n; i++) {
      const leaf = leaves.subarray(32 * i, 32 * i + 32);
      if (i > 0 && outcomes[i] === OK && chain !== 'none' && !(hasPrev[i] === 1 && linked(prevs, links, i))) {
        outcomes[i] = CHAIN_BREAK;
        notes.push({ i, reason: chainBreakReason(chain, first + i - 1 + firstSeq) });
      }
      content.pushLeaf(leaf);
      outcomeRange.pushLeaf(outcomeLeafHash(OUTCOME_CODES[outcomes[i] as number] as OutcomeCode));
    }
    notes.sort((a, b) => a.i - b.i);
    result.ranges = { content: content.toJSON(), outcomes: outcomeRange.toJSON() };
  }
  return result;
}

/** Why a record's prev does not link: names the previous record by its seq. */
export function chainBreakReason(chain: string, prevSeq: number): string {
  return chain === 'sha256-of-prev-token'
    ? `prev is not the SHA-256 of the token of record ${prevSeq}`
    : `prev is not the leaf hash of record ${prevSeq}`;
}
