import { InputError } from '../errors/index.js';
import { DEFAULT_PROFILE_DIGEST } from '../proofs/record-profile.js';
import { canonicalDigest, type Finding, type Report } from '../report/index.js';
import type { VerifyReportBody } from './finalize.js';

const REQUIRED: (keyof VerifyReportBody)[] = [
  'origin',
  'treeSize',
  'verificationDigest',
  'contentRoots',
  'keys',
  'keyBindingDigest',
  'failures',
  'noteKeys',
];

/**
 * A verify-proofs JSON report read from a file, checked before anything in it is believed: its
 * `digest` must be the sha256 of the rest (an edited verdict or count is refused, exit 2) and its
 * verdict must agree with what it lists.
 */
export function asVerifyReport(value: unknown, file: string): VerifyReportBody {
  const v = value as
    (Partial<VerifyReportBody> & { digest?: unknown; timings?: unknown; engine?: unknown }) | null;
  const missing = REQUIRED.filter(
    (k) => v === null || typeof v !== 'object' || Array.isArray(v) || !(k in v),
  );
  if (missing.length) {
    throw new InputError('ERR_REPORT', `not a verify-proofs JSON report (missing ${missing.join(', ')})`, {
      file,
      hint: 'make it with `proofgate verify-proofs … --format json --out FILE`',
    });
  }
  // timings and engine (which Ed25519 implementation ran) are outside the digest, as rendered.
  const { digest, timings: _timings, engine: _engine, ...body } = v as Record<string, unknown>;
  const regenerate =
    'regenerate it with `proofgate verify-proofs … --format json --out FILE`; never edit a report';
  if (typeof digest !== 'string') {
    throw new InputError('ERR_REPORT', 'the report has no digest, so nothing in it can be trusted', {
      file,
      hint: regenerate,
    });
  }
  const actual = canonicalDigest(body);
  if (actual !== digest) {
    throw new InputError(
      'ERR_REPORT',
      `the report was modified after it was written: its digest is ${digest} but its content hashes to ${actual}`,
      { file, hint: regenerate },
    );
  }
  const r = v as VerifyReportBody;
  const errors = (r.findings ?? []).filter((f) => f?.level === 'error').length;
  const consistent =
    (r.verdict === 'PASS' || r.verdict === 'FAIL') &&
    (r.verdict === 'PASS') ===
      (errors === 0 && r.failuresTotal === 0 && r.extraRowsTotal === 0 && r.treeSize > 0);
  if (!consistent) {
    throw new InputError(
      'ERR_REPORT',
      `the verdict ${JSON.stringify(r.verdict)} does not agree with the report's own findings (${errors} errors, ${r.failuresTotal} bad records, ${r.treeSize} records)`,
      { file, hint: regenerate },
    );
  }
  return r;
}

/**
 * DESIGN §6 "no PASS without evidence": compare proves an upgrade preserved trust only when both
 * sides verified something and passed. Two identical FAIL or empty reports prove nothing.
 */
function evidenceFindings(before: VerifyReportBody, after: VerifyReportBody): Finding[] {
  const out: Finding[] = [];
  for (const [side, r] of [
    ['before', before],
    ['after', after],
  ] as const) {
    if (r.treeSize === 0 || (r.counts?.ok ?? 0) === 0) {
      out.push({
        id: `${side}-verified-nothing`,
        level: 'error',
        group: 'evidence',
        message: `the ${side.toUpperCase()} report verified no record (${r.treeSize} records): equal digests of nothing prove nothing`,
      });
    } else if (r.verdict !== 'PASS') {
      out.push({
        id: `${side}-not-pass`,
        level: 'error',
        group: 'evidence',
        message: `the ${side.toUpperCase()} report is a FAIL (${r.failuresTotal} bad records, ${r.findings.filter((f) => f.level === 'error').length} errors): an unchanged failure is not preserved trust; fix the history and verify again`,
      });
    }
  }
  return out;
}

/** Two verification digests can only be compared when their leaves have the same form. */
function assertSameDigestFormat(before: VerifyReportBody, after: VerifyReportBody): void {
  const a = before.verificationDigestFormat ?? 1;
  const b = after.verificationDigestFormat ?? 1;
  if (a !== b) {
    throw new InputError(
      'ERR_REPORT',
      `BEFORE has verification digest format ${a} and AFTER has ${b}: the digests are not comparable`,
      {
        hint: 'make both reports with the same proofgate version (re-run verify-proofs on the older side)',
      },
    );
  }
}

/** Outcomes under one profile mean nothing under another: refuse, never compare. */
function assertSameProfile(before: VerifyReportBody, after: VerifyReportBody): void {
  const a = before.profile?.digest ?? DEFAULT_PROFILE_DIGEST;
  const b = after.profile?.digest ?? DEFAULT_PROFILE_DIGEST;
  if (a !== b) {
    throw new InputError('ERR_REPORT', `BEFORE was verified under record profile ${a} and AFTER under ${b}`, {
      hint: 'verify both sides with the same ledger.profile',
    });
  }
}

/**
 * DESIGN §3–4: an upgrade must not change any record's outcome, any content root at an old tree
 * size, or any key binding. Keys may be added (rotation); none may be dropped or rebound.
 */
export function compareReports(
  before: VerifyReportBody,
  after: VerifyReportBody,
  options: {
    /** Require both sides to be non-empty PASS reports (default). The rehearsal checks its baseline itself. */
    requireEvidence?: boolean;
  } = {},
): Report {
  assertSameDigestFormat(before, after);
  assertSameProfile(before, after);
  const findings: Finding[] = options.requireEvidence === false ? [] : evidenceFindings(before, after);
  const err = (id: string, message: string, extra: Partial<Finding> = {}) =>
    findings.push({ id, level: 'error', message, ...extra });

  if (before.origin !== after.origin)
    err('origin-changed', `origin ${JSON.stringify(before.origin)} became ${JSON.stringify(after.origin)}`);
  if (after.treeSize < before.treeSize) {
    err('history-truncated', `the log shrank from ${before.treeSize} to ${after.treeSize} records`, {
      seq: after.treeSize,
    });
  } else if (after.treeSize > before.treeSize) {
    err(
      'tree-size-changed',
      `the log grew from ${before.treeSize} to ${after.treeSize} records during the upgrade; outcomes cannot be compared one to one`,
      { seq: before.treeSize },
    );
  }
  if (before.verificationDigest !== after.verificationDigest) {
    const outcome = (list: VerifyReportBody['failures']) => new Map(list.map((f) => [f.seq, f.outcome]));
    const a = outcome(before.failures);
    const b = outcome(after.failures);
    // Listed failures are the first ones by seq; beyond the shorter list's end nothing is known.
    const horizon = Math.min(
      before.failures.length < before.failuresTotal ? (before.failures.at(-1)?.seq ?? 0) : Infinity,
      after.failures.length < after.failuresTotal ? (after.failures.at(-1)?.seq ?? 0) : Infinity,
    );
    const seqs = [...new Set([...a.keys(), ...b.keys()])].filter((s) => s <= horizon).sort((x, y) => x - y);
    const first = seqs.find((s) => (a.get(s) ?? 'ok') !== (b.get(s) ?? 'ok'));
    if (first !== undefined) {
      err(
        'outcome-changed',
        `record ${first} was ${a.get(first) ?? 'ok'} and is now ${b.get(first) ?? 'ok'}`,
        { seq: first },
      );
    } else {
      err(
        'outcome-changed',
        'the verification digest changed (the first differing seq lies beyond the listed failures)',
      );
    }
  }
  const afterRoots = new Map(after.contentRoots.map((r) => [r.treeSize, r.root]));
  for (const r of before.contentRoots) {
    const now = afterRoots.get(r.treeSize);
    if (now === undefined)
      err('content-root-missing', `no content root at old tree size ${r.treeSize} after the upgrade`, {
        seq: r.treeSize,
      });
    else if (now !== r.root)
      err(
        'content-root-changed',
        `the content root at tree size ${r.treeSize} changed: records below it were rewritten`,
        { seq: r.treeSize },
      );
  }
  const afterKeys = new Map(after.keys.map((k) => [k.kid, k]));
  for (const k of before.keys) {
    const now = afterKeys.get(k.kid);
    if (now === undefined)
      err('key-dropped', `key ${k.kid} was removed; records it signed can no longer be verified`, {
        kid: k.kid,
      });
    else if (now.digest !== k.digest)
      err('key-rebound', `key ${k.kid} is bound to different material or validity`, { kid: k.kid });
  }
  const beforeKids = new Set(before.keys.map((k) => k.kid));
  for (const k of after.keys) {
    if (!beforeKids.has(k.kid))
      findings.push({
        id: 'key-added',
        level: 'info',
        kid: k.kid,
        message: `key ${k.kid} was added (rotation)`,
      });
  }
  // Anchors must verify after as before: a rewritten or deleted checkpoint can keep every content
  // root but breaks an anchor. And no key-binding or anchor problem may appear that was not there.
  if (after.anchors.total !== before.anchors.total || after.anchors.verified !== before.anchors.verified) {
    err(
      'anchors-changed',
      `anchors: ${before.anchors.verified} of ${before.anchors.total} verified before, ${after.anchors.verified} of ${after.anchors.total} after`,
      { group: 'anchors' },
    );
  }
  const problem = (f: Finding): string => `${f.id}\u0000${f.kid ?? ''}\u0000${f.pointer ?? ''}`;
  const known = new Set((before.findings ?? []).map(problem));
  for (const f of after.findings ?? []) {
    if (
      (f.group === 'key bindings' || f.group === 'anchors') &&
      f.level === 'error' &&
      !known.has(problem(f))
    ) {
      findings.push({ ...f, message: `now: ${f.message}` });
    }
  }
  const removedNoteKeys = before.noteKeys.filter((n) => !after.noteKeys.includes(n));
  if (removedNoteKeys.length) err('note-key-dropped', `note keys removed: ${removedNoteKeys.join(', ')}`);

  const pass = findings.every((f) => f.level !== 'error');
  const firstError = findings.find((f) => f.level === 'error');
  return {
    command: 'compare',
    title: pass
      ? `no outcome, content root or key binding changed (${before.treeSize} records, ${before.keys.length} keys)`
      : `changed: ${firstError?.message ?? ''}`,
    pass,
    body: {
      verdict: pass ? 'PASS' : 'FAIL',
      before: {
        treeSize: before.treeSize,
        verificationDigest: before.verificationDigest,
        keyBindingDigest: before.keyBindingDigest,
      },
      after: {
        treeSize: after.treeSize,
        verificationDigest: after.verificationDigest,
        keyBindingDigest: after.keyBindingDigest,
      },
      changes: findings.map((f) => ({
        id: f.id,
        ...(f.seq !== undefined ? { seq: f.seq } : {}),
        ...(f.kid !== undefined ? { kid: f.kid } : {}),
        message: f.message,
      })),
    },
    findings,
  };
}
