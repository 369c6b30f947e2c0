import { InputError } from '../errors/index.js';
import type { Finding, Report } from '../report/index.js';
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

export function asVerifyReport(value: unknown, file: string): VerifyReportBody {
  const v = value as Partial<VerifyReportBody> | null;
  const missing = REQUIRED.filter((k) => v === null || typeof v !== 'object' || !(k in v));
  if (missing.length) {
    throw new InputError('ERR_REPORT', `not a verify-proofs JSON report (missing ${missing.join(', ')})`, {
      file,
      hint: 'make it with `proofgate verify-proofs … --format json --out FILE`',
    });
  }
  return v as VerifyReportBody;
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

/**
 * DESIGN §3–4: an upgrade must not change any record's outcome, any content root at an old tree
 * size, or any key binding. Keys may be added (rotation); none may be dropped or rebound.
 */
export function compareReports(before: VerifyReportBody, after: VerifyReportBody): Report {
  assertSameDigestFormat(before, after);
  const findings: Finding[] = [];
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
