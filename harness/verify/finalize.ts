import { emptyRoot } from '../lineage/hash.js';
// Direct imports, not the proofs index: verifying loads none of the signing code.
import { OUTCOMES, type OutcomeCode } from '../proofs/outcome.js';
import { ZERO_PREV } from '../proofs/record-claims.js';
import { DEFAULT_PROFILE_DIGEST } from '../proofs/record-profile.js';
import { outcomeLeafHash } from '../proofs/verification-digest.js';
import { chainBreakReason } from './verify-batch.js';
import { InputError } from '../errors/index.js';
import type { CheckResult, Finding, Report } from '../report/index.js';
import { MAX_LISTED_FAILURES, SHARD_FORMAT, type RecordFailure, type ShardState } from './shard-state.js';
import { SubtreeRange } from './subtree-range.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** The JSON body of a verify-proofs report (plus `digest` from the report model). */
export interface VerifyReportBody {
  verdict: 'PASS' | 'FAIL';
  origin: string;
  source: ShardState['source'];
  treeSize: number;
  rows: number;
  counts: Partial<Record<OutcomeCode, number>>;
  failures: RecordFailure[];
  failuresTotal: number;
  extraRows: ShardState['extraRows'];
  extraRowsTotal: number;
  /** The leaf form of the verification digest (see VERIFICATION_DIGEST_FORMAT). */
  verificationDigestFormat: number;
  verificationDigest: string;
  contentRoots: { treeSize: number; root: string }[];
  anchors: { total: number; verified: number };
  keyBindingDigest: string;
  keys: ShardState['keys'];
  noteKeys: string[];
  /** The record profile: its digest and every check it turns off (empty for proofgate's own). */
  profile: { digest: string; disabled: string[] };
  /** Every finding (record, anchor, key), as in every proofgate JSON report. */
  findings: Finding[];
}

/**
 * 2: leaves are `ascii(outcome)` at position seq. (1 hashed `uint64be(seq) ‖ outcome`.) Digests of
 * different formats are not comparable, so reports carry it and `compare` checks it.
 */
export const VERIFICATION_DIGEST_FORMAT = 2;

/** The fields every shard of one run shares, in the order a mismatch is reported. */
function identityFields(s: ShardState): [string, unknown][] {
  return [
    ['format', s.format],
    ['identity.tool', s.identity?.tool],
    ['origin', s.origin],
    ['source', s.source],
    ['identity.location', s.identity?.location],
    ['identity.mappingDigest', s.identity?.mappingDigest],
    ['identity.dataDigest', s.identity?.dataDigest],
    ['keyBindingDigest', s.keyBindingDigest],
    ['noteKeys', s.noteKeys],
    ['identity.policyDigest', s.identity?.policyDigest],
    ['record profile', s.profile?.digest],
    ['extent', s.extent],
    ['identity.anchorsDigest', s.identity?.anchorsDigest],
    ['shard count', s.shard?.count],
  ];
}

function assertJoinable(states: readonly ShardState[]): ShardState[] {
  if (states.length === 0) throw new InputError('ERR_REPORT', 'no shard reports to merge');
  states.forEach((s, i) => {
    if (s?.format !== SHARD_FORMAT || typeof s.identity !== 'object' || s.identity === null)
      throw new InputError(
        'ERR_REPORT',
        `shard report ${i + 1}: not a ${SHARD_FORMAT} report (format ${JSON.stringify(s?.format)})`,
        {
          hint: 'make every shard with this proofgate version: proofgate verify-proofs --shard K/N --out FILE',
        },
      );
  });
  const sorted = [...states].sort((a, b) => a.shard.index - b.shard.index);
  const first = sorted[0] as ShardState;
  const want = identityFields(first);
  sorted.forEach((s, i) => {
    const differs = identityFields(s).find(
      ([, v], k) => JSON.stringify(v) !== JSON.stringify((want[k] as [string, unknown])[1]),
    );
    if (differs) {
      const [field, v] = differs;
      const w = want.find(([f]) => f === field)?.[1];
      throw new InputError(
        'ERR_REPORT',
        `shard ${s.shard.index}/${s.shard.count} is not from the same run as shard ${first.shard.index}/${first.shard.count}: ${field} differs (${JSON.stringify(v)} vs ${JSON.stringify(w)})`,
        {
          hint: 'merge only the shards of one run: the same data (--bundle/--database-url, unchanged), the same --note-key policy, the same N and proofgate version',
        },
      );
    }
    if (s.shard.index !== i) {
      throw new InputError('ERR_REPORT', `shard ${i}/${first.shard.count} is missing (or given twice)`, {
        hint: `pass all ${first.shard.count} shard reports`,
      });
    }
    const prevEnd = i === 0 ? 0 : (sorted[i - 1] as ShardState).range.end;
    if (s.range.begin !== prevEnd)
      throw new InputError('ERR_REPORT', `shard ${i} starts at seq ${s.range.begin}, not ${prevEnd}`);
  });
  if (sorted.length !== first.shard.count) {
    throw new InputError('ERR_REPORT', `${sorted.length} of ${first.shard.count} shard reports given`, {
      hint: `pass all ${first.shard.count} shard reports`,
    });
  }
  if ((sorted[sorted.length - 1] as ShardState).range.end !== first.extent) {
    throw new InputError('ERR_REPORT', 'the shards do not cover the whole log');
  }
  return sorted;
}

/**
 * Joins shard states (one for an unsharded run) into the verify-proofs report: settles each
 * shard's first chain link, joins the content and outcome trees, and checks every anchor root.
 */
export function finalize(states: readonly ShardState[]): Report {
  const shards = assertJoinable(states);
  const first = shards[0] as ShardState;
  const content = new SubtreeRange(0);
  const outcomes = new SubtreeRange(0);
  const counts: Partial<Record<OutcomeCode, number>> = {};
  let failures: RecordFailure[] = [];
  const roots = new Map<number, string>([[0, hex(emptyRoot())]]);
  let prevLeaf: string | null = ZERO_PREV;
  let rows = 0;
  let extraCount = 0;
  let extraRows: ShardState['extraRows'] = [];
  // Older shard states carry no profile: they were made under proofgate's own.
  const profile = first.profile ?? {
    digest: DEFAULT_PROFILE_DIGEST,
    firstSeq: 0,
    chain: 'leaf-hash',
    disabled: [],
  };
  const chain = profile.chain;

  for (const s of shards) {
    rows += s.rows;
    extraCount += s.extraCount;
    extraRows.push(...s.extraRows);
    if (s.range.end === s.range.begin) continue;
    const head = s.head;
    if (head === null) throw new InputError('ERR_REPORT', `shard ${s.shard.index} has no head record state`);
    let outcome = head.outcome;
    let headFailure: RecordFailure | undefined;
    if (outcome === 'ok' && chain !== 'none' && prevLeaf !== null && head.prev !== prevLeaf) {
      outcome = 'chain-break';
      headFailure = {
        seq: head.seq,
        outcome,
        reason: chainBreakReason(chain, head.seq - 1 + profile.firstSeq),
        ...(head.kid ? { kid: head.kid } : {}),
      };
    } else if (outcome !== 'ok') {
      const { prev: _prev, ...rest } = head;
      headFailure = rest;
    }
    outcomes.pushLeaf(outcomeLeafHash(outcome));
    counts[outcome] = (counts[outcome] ?? 0) + 1;
    if (headFailure) failures.push(headFailure);
    for (const a of s.anchorRanges) {
      const r = content.clone();
      r.append(SubtreeRange.fromJSON(a.range));
      roots.set(a.treeSize, hex(r.root()));
    }
    content.append(SubtreeRange.fromJSON(s.content));
    outcomes.append(SubtreeRange.fromJSON(s.outcomes));
    for (const [k, v] of Object.entries(s.counts))
      counts[k as OutcomeCode] = (counts[k as OutcomeCode] ?? 0) + (v as number);
    failures.push(...s.failures);
    prevLeaf = s.lastLeaf;
  }
  const treeSize = first.extent;
  roots.set(treeSize, hex(content.root()));

  failures.sort((a, b) => a.seq - b.seq);
  extraRows.sort((a, b) => a.seq - b.seq || (a.kind < b.kind ? -1 : 1));
  if (profile.firstSeq !== 0) {
    // Shards count tree positions; the report names records by the seq the log stores.
    failures = failures.map((f) => ({ ...f, seq: f.seq + profile.firstSeq }));
    extraRows = extraRows.map((x) => ({ ...x, seq: x.seq + profile.firstSeq }));
  }
  const failuresTotal = Object.entries(counts).reduce((n, [k, v]) => (k === 'ok' ? n : n + (v as number)), 0);

  const findings: Finding[] = [];
  if (treeSize === 0) {
    findings.push({
      id: 'empty-history',
      level: 'error',
      message: 'the log holds no records: nothing was verified, so this cannot pass',
    });
  }
  for (const f of failures.slice(0, MAX_LISTED_FAILURES)) {
    findings.push({
      id: f.outcome,
      level: 'error',
      class: 'record',
      seq: f.seq,
      ...(f.kid ? { kid: f.kid } : {}),
      message: f.reason ?? OUTCOMES[f.outcome],
    });
  }
  for (const x of extraRows.slice(0, MAX_LISTED_FAILURES)) {
    findings.push({
      id: x.kind,
      level: 'error',
      class: 'record',
      seq: x.seq,
      message:
        x.kind === 'duplicate-seq'
          ? `seq ${x.seq} is stored more than once`
          : x.kind === 'before-first-seq'
            ? `seq ${x.seq} is below the profile's first seq ${profile.firstSeq}`
            : `seq ${x.seq} is stored after a higher seq (history reordered)`,
    });
  }
  for (const k of first.keyProblems)
    findings.push({ id: k.id, level: 'error', kid: k.kid, group: 'key bindings', message: k.reason });

  const anchorFindings: Finding[] = [];
  let verified = 0;
  const allAnchors = shards.flatMap((s) => s.anchors).sort((a, b) => a.treeSize - b.treeSize);
  for (const a of allAnchors) {
    const at = { group: 'anchors', pointer: `/anchors/treeSize=${a.treeSize}` };
    if (!a.ok) {
      anchorFindings.push({
        id: 'anchor-signature-invalid',
        level: 'error',
        ...at,
        message: `anchor at tree size ${a.treeSize}: ${a.reason ?? 'does not verify'}`,
      });
    } else if (a.treeSize > treeSize) {
      anchorFindings.push({
        id: 'anchor-beyond-log',
        level: 'error',
        ...at,
        message: `an anchor commits to ${a.treeSize} records but the log holds ${treeSize}: history was truncated below an anchor`,
      });
    } else if (a.root !== roots.get(a.treeSize)) {
      anchorFindings.push({
        id: 'anchor-root-mismatch',
        level: 'error',
        ...at,
        message: `the root recomputed from records ${profile.firstSeq}..${a.treeSize - 1 + profile.firstSeq} is not the root the anchor signed: records under it changed`,
      });
    } else verified++;
  }
  for (const p of first.anchorListProblems)
    anchorFindings.push({
      id: p.id,
      level: 'error',
      group: 'anchors',
      pointer: `/anchors/treeSize=${p.treeSize}`,
      message: p.message,
    });
  findings.push(...anchorFindings);
  for (const d of profile.disabled) {
    findings.push({ id: 'profile-check-disabled', level: 'warning', group: 'record profile', message: d });
  }

  const pass = findings.every((f) => f.level !== 'error');
  const anchorSizes = [...new Set(allAnchors.filter((a) => a.treeSize <= treeSize).map((a) => a.treeSize))];
  const body: VerifyReportBody = {
    verdict: pass ? 'PASS' : 'FAIL',
    origin: first.origin,
    source: first.source,
    treeSize,
    rows,
    counts: Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1))),
    failures: failures.slice(0, MAX_LISTED_FAILURES),
    failuresTotal,
    extraRows: extraRows.slice(0, MAX_LISTED_FAILURES),
    extraRowsTotal: extraCount,
    verificationDigestFormat: VERIFICATION_DIGEST_FORMAT,
    verificationDigest: hex(outcomes.root()),
    contentRoots: [...new Set([...anchorSizes, treeSize])]
      .sort((a, b) => a - b)
      .map((s) => ({ treeSize: s, root: roots.get(s) as string })),
    anchors: { total: first.anchorCount, verified },
    keyBindingDigest: first.keyBindingDigest,
    keys: first.keys,
    noteKeys: first.noteKeys,
    profile: { digest: profile.digest, disabled: profile.disabled },
    findings,
  };
  const checks: CheckResult[] = [
    { id: 'history-not-empty', name: 'the log holds records', pass: treeSize > 0 },
    {
      id: 'records-verify',
      name: `${treeSize} records verify and chain`,
      pass: failuresTotal === 0 && extraCount === 0,
    },
    {
      id: 'anchors-verify',
      name: `${first.anchorCount} anchors verify against recomputed roots`,
      pass: anchorFindings.length === 0,
    },
    {
      id: 'key-bindings-valid',
      name: `${first.keys.length} key bindings are well-formed and unique`,
      pass: first.keyProblems.length === 0,
    },
  ];
  return {
    command: 'verify-proofs',
    title: `${treeSize} records, ${first.anchorCount} anchors, ${first.keys.length} keys of ${first.origin}: ${failuresTotal + extraCount} bad records, ${anchorFindings.length} anchor problems`,
    pass,
    body: body as unknown as Record<string, unknown>,
    findings,
    checks,
    notes: [
      `verification digest ${body.verificationDigest}`,
      `key-binding digest ${body.keyBindingDigest}`,
      `record profile ${profile.digest}${profile.disabled.length ? ` (${profile.disabled.join('; ')})` : ''}`,
    ],
  };
}
