import { availableParallelism } from 'node:os';
import { InputError } from '../errors/index.js';
import type { BundleAnchor } from '../bundle/index.js';
import { OUTCOME_CODES, type OutcomeCode } from '../proofs/outcome.js';
import {
  DEFAULT_RECORD_PROFILE,
  disabledChecks,
  isDefaultProfile,
  profileDigest,
  type RecordProfile,
} from '../proofs/record-profile.js';
import { outcomeLeafHash } from '../proofs/verification-digest.js';
import { RecordVerifier } from '../proofs/verify-record.js';
import { anchorListProblems, checkAnchor, parseNoteKeys } from './check-anchors.js';
import { checkKeys } from './check-keys.js';
import { MAX_LISTED_FAILURES, SHARD_FORMAT, type ShardState } from './shard-state.js';
import { shardRange } from './shard-range.js';
import type { LogSource } from './source.js';
import { SubtreeRange } from './subtree-range.js';
import { RecordPack } from './record-pack.js';
import { chainBreakReason, verifyBatch } from './verify-batch.js';
import { MAX_WORKERS, WorkerPool } from './worker-pool.js';
import { canonicalDigest } from '../report/canonical-json.js';
import { VERSION } from '../version.js';
import { VERIFICATION_DIGEST_FORMAT } from './finalize.js';
import type { WorkerResult } from './worker-protocol.js';

export interface VerifyOptions {
  shard?: { index: number; count: number };
  /** Worker threads; 0 verifies on the main thread. Default: one per core, 0 for small ranges. */
  workers?: number;
  /** Trusted note keys (vkeys) for anchors; default: the log's own (manifest / ledger_meta). */
  noteKeys?: readonly string[];
  batchSize?: number;
  /** Largest run of missing seqs tolerated before the history is declared unverifiable (exit 2). */
  maxGap?: number;
  /** A started pool to use (and leave open) instead of starting one: see WorkerPool. */
  pool?: WorkerPool;
  /** The record profile (config); must agree with the source's own (a bundle manifest's) when both are given. */
  profile?: RecordProfile;
}

/** The profile a run verifies under: the config's, the source's, or proofgate's own. */
export function runProfile(
  configured: RecordProfile | undefined,
  ofSource: RecordProfile | undefined,
): RecordProfile {
  if (
    configured !== undefined &&
    ofSource !== undefined &&
    profileDigest(configured) !== profileDigest(ofSource)
  ) {
    throw new InputError(
      'ERR_INPUT',
      'the configured record profile is not the one the bundle was made under',
      {
        hint: 'verify with the profile in the bundle manifest (drop ledger.profile from the config), or export the bundle again',
      },
    );
  }
  return configured ?? ofSource ?? DEFAULT_RECORD_PROFILE;
}

const ZERO_LEAF = new Uint8Array(32);
const OK_CODE = OUTCOME_CODES.indexOf('ok');
const hex = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');

/**
 * Verifies one shard of a log (the whole log is shard 0/1): streams the rows once, verifies
 * signatures in worker threads, and builds the content and outcome trees as compact ranges.
 */
export async function verifyShard(source: LogSource, options: VerifyOptions = {}): Promise<ShardState> {
  // With the thread count given, the threads start now: their start-up and warm-up overlap the
  // metadata, keys and anchor checks instead of following them.
  const early =
    options.pool === undefined && options.workers !== undefined && options.workers > 0
      ? new WorkerPool(options.workers)
      : undefined;
  try {
    return await verifyShardWith(source, early ? { ...options, pool: early } : options);
  } finally {
    await early?.close();
  }
}

async function verifyShardWith(source: LogSource, options: VerifyOptions): Promise<ShardState> {
  const { index, count } = options.shard ?? { index: 0, count: 1 };
  const profile = runProfile(options.profile, source.profile);
  // Tree positions are seq - firstSeq: the engine works on positions, reports name seqs.
  const firstSeq = profile.firstSeq;
  const chain = profile.chain;
  // A source whose extent costs a full pass (a bundle) is not asked for it when nothing needs it
  // up front — the whole log in one shard, with the thread count given: the stream itself shows the
  // highest seq, and the rows are read once instead of twice. Until then the range is [0, ∞).
  const lazyExtent =
    count === 1 &&
    source.extentIsScan === true &&
    (options.pool !== undefined || options.workers !== undefined);
  let extent = lazyExtent ? Infinity : Math.max(0, (await source.extent()) - firstSeq);
  const range = lazyExtent ? { begin: 0, end: Infinity } : shardRange(extent, index, count);
  const noteKeys = [...(options.noteKeys ?? source.noteKeys)];
  const trusted = parseNoteKeys(noteKeys);
  const batchSize = options.batchSize ?? 512;
  const maxGap = options.maxGap ?? 10_000_000;

  const anchors: BundleAnchor[] = [];
  for await (const a of source.anchors()) anchors.push(a);
  const owned = anchors.filter(
    (a) =>
      (a.treeSize > range.begin && a.treeSize <= range.end) ||
      (index === 0 && a.treeSize === 0) ||
      (index === count - 1 && a.treeSize > extent),
  );
  const anchorSizes = [
    ...new Set(owned.map((a) => a.treeSize).filter((s) => s > range.begin && s <= range.end)),
  ].sort((a, b) => a - b);

  const anchorSet = new Set(anchorSizes);
  const content = new SubtreeRange(range.begin);
  let outcomes = new SubtreeRange(Math.min(range.begin + 1, range.end));
  // Only a shard that will be merged needs the (possibly costly) data digest of its source.
  const fingerprint = count > 1 && source.fingerprint ? await source.fingerprint() : {};
  const state: ShardState = {
    format: SHARD_FORMAT,
    identity: {
      tool: `proofgate ${VERSION}; ${SHARD_FORMAT}; verification digest format ${VERIFICATION_DIGEST_FORMAT}`,
      policyDigest: canonicalDigest({ noteKeys: [...noteKeys].sort(), maxGap }),
      anchorsDigest: canonicalDigest(anchors.map((a) => [a.treeSize, a.checkpoint])),
      dataDigest: fingerprint.dataDigest ?? null,
      location: fingerprint.location ?? null,
      mappingDigest: fingerprint.mappingDigest ?? null,
    },
    shard: { index, count },
    source: source.description,
    origin: source.origin,
    profile: { digest: profileDigest(profile), firstSeq, chain, disabled: disabledChecks(profile) },
    noteKeys,
    ...checkKeys(source.keys),
    extent,
    range,
    rows: 0,
    head: null,
    lastLeaf: null,
    counts: {},
    failures: [],
    extraRows: [],
    extraCount: 0,
    content: content.toJSON(),
    outcomes: outcomes.toJSON(),
    anchorRanges: [],
    anchors: owned.map((a) => checkAnchor(a, trusted, source.origin)),
    anchorListProblems: index === 0 ? anchorListProblems(anchors) : [],
    anchorCount: anchors.length,
  };

  let nextPos = range.begin;
  // The previous record's link value (its leaf hash, or token hash under sha256-of-prev-token).
  let prevLeaf: Uint8Array | null = null;
  let anchorIdx = 0;
  let gapTotal = 0;

  // The content range as it stands at every anchor size just reached.
  const takeAnchorRanges = () => {
    while (anchorIdx < anchorSizes.length && anchorSizes[anchorIdx] === content.end) {
      state.anchorRanges.push({ treeSize: content.end, range: content.clone().toJSON() });
      anchorIdx++;
    }
  };
  const place = (
    p: number,
    outcome: OutcomeCode,
    leaf: Uint8Array | null,
    prev: Uint8Array | null,
    note?: { reason?: string; kid?: string },
    link: Uint8Array | null = leaf,
  ) => {
    content.pushLeaf(leaf ?? ZERO_LEAF);
    if (p === range.begin) {
      state.head = { seq: p, outcome, ...(prev ? { prev: hex(prev) } : {}), ...note };
    } else {
      if (
        outcome === 'ok' &&
        chain !== 'none' &&
        prevLeaf !== null &&
        (prev === null || !Buffer.from(prev).equals(prevLeaf))
      ) {
        outcome = 'chain-break';
        note = {
          reason: chainBreakReason(chain, p - 1 + firstSeq),
          ...(note?.kid ? { kid: note.kid } : {}),
        };
      }
      outcomes.pushLeaf(outcomeLeafHash(outcome));
      state.counts[outcome] = (state.counts[outcome] ?? 0) + 1;
      if (outcome !== 'ok' && state.failures.length < MAX_LISTED_FAILURES)
        state.failures.push({ seq: p, outcome, ...note });
    }
    prevLeaf = link;
    takeAnchorRanges();
    nextPos = p + 1;
  };
  const fillMissing = (to: number) => {
    gapTotal += to - nextPos;
    if (gapTotal > maxGap) {
      throw new InputError(
        'ERR_INPUT',
        `more than ${maxGap} seqs are missing before seq ${to}: the history cannot be verified`,
        {
          hint: 'the log must hold seq 0, 1, 2, … without gaps; restore the missing records',
        },
      );
    }
    while (nextPos < to)
      place(nextPos, 'missing-seq', null, null, {
        reason: `no record is stored under seq ${nextPos + firstSeq}`,
      });
  };
  const pack = new RecordPack();
  const consume = (r: WorkerResult) => {
    pack.recycle(r.bytes);
    const seqs = r.seqs;
    const first = seqs[0] as number;
    const end = first + seqs.length;
    const head = first === range.begin;
    const notes = new Map(r.notes.map(({ i, ...note }) => [i, note]));
    const links = r.links ?? r.leaves;
    const linkOk =
      chain === 'none' ||
      prevLeaf === null ||
      r.outcomes[0] !== OK_CODE ||
      (r.hasPrev[0] === 1 && Buffer.compare(r.prevs.subarray(0, 32), prevLeaf) === 0);
    if (r.ranges && first === nextPos && !head && linkOk && (anchorSizes[anchorIdx] ?? Infinity) >= end) {
      // Fast path: the worker built this contiguous batch's ranges; only its first link is checked here.
      content.append(SubtreeRange.fromJSON(r.ranges.content));
      outcomes.append(SubtreeRange.fromJSON(r.ranges.outcomes));
      for (let i = 0; i < seqs.length; i++) {
        const outcome = OUTCOME_CODES[r.outcomes[i] as number] as OutcomeCode;
        state.counts[outcome] = (state.counts[outcome] ?? 0) + 1;
        if (outcome !== 'ok' && state.failures.length < MAX_LISTED_FAILURES) {
          state.failures.push({ seq: first + i, outcome, ...notes.get(i) });
        }
      }
      prevLeaf = links.slice(32 * (seqs.length - 1), 32 * seqs.length);
      nextPos = end;
      takeAnchorRanges();
      return;
    }
    for (let i = 0; i < seqs.length; i++) {
      const p = seqs[i] as number;
      fillMissing(p);
      const outcome = OUTCOME_CODES[r.outcomes[i] as number] as OutcomeCode;
      const prev = r.hasPrev[i] ? r.prevs.subarray(32 * i, 32 * i + 32) : null;
      place(
        p,
        outcome,
        r.leaves.subarray(32 * i, 32 * i + 32),
        prev,
        notes.get(i),
        links.subarray(32 * i, 32 * i + 32),
      );
    }
  };

  const size = range.end - range.begin;
  const workers =
    size === 0
      ? 0
      : options.pool
        ? options.pool.size
        : (options.workers ?? (size < 2_000 ? 0 : Math.min(availableParallelism(), MAX_WORKERS)));
  // (size is ∞ under lazyExtent, which needs options.pool or options.workers.)
  const ownPool = workers > 0 && options.pool === undefined;
  const pool = workers > 0 ? (options.pool ?? new WorkerPool(workers)) : undefined;
  const custom = isDefaultProfile(profile) ? undefined : profile;
  pool?.job({ origin: source.origin, keys: source.keys, ...(custom ? { profile: custom } : {}) });
  const inline = pool ? undefined : new RecordVerifier(source.keys, profile);
  const inFlight: Promise<WorkerResult>[] = [];
  let taskId = 0;
  const dispatch = async () => {
    if (pack.length === 0) return;
    const task = pack.take(taskId++);
    const result = pool
      ? pool.run(task)
      : Promise.resolve(verifyBatch(inline as RecordVerifier, source.origin, task));
    // Handled now, awaited in order later: if the stream fails first, the pool closes and the
    // tasks still in flight reject; that must not crash the process or hide the real cause.
    result.catch(() => undefined);
    inFlight.push(result);
    while (inFlight.length > Math.max(2, 4 * workers)) consume(await inFlight.shift()!);
  };

  try {
    let maxSeen = -1;
    let lastSeenInRange = -1;
    if (range.end > range.begin) {
      for await (const batch of source.batches(range.begin + firstSeq, range.end + firstSeq, batchSize * 8)) {
        const stored = 'bytes' in batch ? batch : undefined;
        const texts = 'jws' in batch ? batch.jws : undefined;
        for (let i = 0; i < batch.seqs.length; i++) {
          // s is the tree position; a stored seq below firstSeq has none.
          const s = (batch.seqs[i] as number) - firstSeq;
          if (s < 0) {
            if (index === 0) {
              state.rows++;
              state.extraCount++;
              if (state.extraRows.length < MAX_LISTED_FAILURES)
                state.extraRows.push({ seq: s, kind: 'before-first-seq' });
            }
            continue;
          }
          const mine = s >= range.begin && s < range.end;
          if (s <= maxSeen) {
            // DESIGN §3: seq = 0,1,2,… ascending; a row at or below one already passed takes no position.
            if (mine) {
              state.rows++;
              state.extraCount++;
              if (state.extraRows.length < MAX_LISTED_FAILURES) {
                state.extraRows.push({
                  seq: s,
                  kind: s === lastSeenInRange || s === maxSeen ? 'duplicate-seq' : 'out-of-order',
                });
              }
            }
            continue;
          }
          maxSeen = s;
          if (!mine) continue;
          lastSeenInRange = s;
          state.rows++;
          if (stored) pack.addBytes(s, stored.bytes, stored.starts[i] as number, stored.ends[i] as number);
          else pack.addText(s, (texts as string[])[i] as string);
          if (pack.length >= batchSize || anchorSet.has(s + 1)) await dispatch();
        }
      }
      await dispatch();
      while (inFlight.length) consume(await inFlight.shift()!);
      if (lazyExtent) {
        // What source.extent() would have said: every position up to the highest one seen.
        extent = maxSeen + 1;
        range.end = extent;
        state.extent = extent;
        state.range = { begin: 0, end: extent };
        if (extent === 0) {
          // An empty range is never streamed: rows below the first seq are then not counted either.
          outcomes = new SubtreeRange(0);
          state.rows = 0;
          state.extraCount = 0;
          state.extraRows = [];
        }
      }
      fillMissing(range.end);
    }
  } finally {
    if (ownPool) await pool?.close();
  }

  state.lastLeaf = prevLeaf === null ? null : hex(prevLeaf);
  state.content = content.toJSON();
  state.outcomes = outcomes.toJSON();
  state.extraRows.sort((a, b) => a.seq - b.seq || (a.kind < b.kind ? -1 : 1));
  return state;
}
