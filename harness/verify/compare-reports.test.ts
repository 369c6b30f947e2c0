import { describe, expect, it } from 'vitest';
import type { Finding } from '../report/index.js';
import { DEFAULT_PROFILE_DIGEST } from '../proofs/index.js';
import { compareReports } from './compare-reports.js';
import type { VerifyReportBody } from './finalize.js';

function body(anchors: [total: number, verified: number], findings: Finding[] = []): VerifyReportBody {
  return {
    verdict: 'PASS',
    origin: 'log.example/a',
    source: { kind: 'bundle' },
    treeSize: 10,
    rows: 10,
    counts: { ok: 10 },
    failures: [],
    failuresTotal: 0,
    extraRows: [],
    extraRowsTotal: 0,
    verificationDigestFormat: 2,
    verificationDigest: 'd'.repeat(64),
    contentRoots: [{ treeSize: 10, root: 'r'.repeat(64) }],
    anchors: { total: anchors[0], verified: anchors[1] },
    keyBindingDigest: 'k'.repeat(64),
    keys: [{ kid: 'k1', alg: 'EdDSA', digest: '1'.repeat(64) }],
    noteKeys: ['log.example/a+12345678+AQ'],
    profile: { digest: DEFAULT_PROFILE_DIGEST, disabled: [] },
    findings,
  };
}
const keyProblem: Finding = {
  id: 'key-binding-invalid',
  level: 'error',
  kid: 'new',
  group: 'key bindings',
  message: 'use must be "sig"',
};
const anchorProblem: Finding = {
  id: 'anchor-signature-invalid',
  level: 'error',
  group: 'anchors',
  pointer: '/anchors/treeSize=10',
  message: 'bad',
};
const recordFailure: Finding = { id: 'bad-signature', level: 'error', seq: 3, message: 'x' };

// Anchors and key bindings after an upgrade: what content roots alone cannot show (moved here from
// the rehearsal, so `proofgate compare` applies it too).
describe('compareReports: anchors and new key/anchor problems', () => {
  it.each([
    ['nothing changed', { given: [[2, 2], [2, 2], [], []], want: [] }],
    [
      'an anchor no longer verifies',
      { given: [[2, 2], [2, 1], [], [anchorProblem]], want: ['anchors-changed', 'anchor-signature-invalid'] },
    ],
    ['an anchor was deleted', { given: [[2, 2], [1, 1], [], []], want: ['anchors-changed'] }],
    [
      'a new malformed key binding',
      { given: [[2, 2], [2, 2], [], [keyProblem]], want: ['key-binding-invalid'] },
    ],
    [
      'a problem the baseline already had is not new',
      { given: [[2, 2], [2, 2], [keyProblem], [keyProblem]], want: [] },
    ],
    [
      'record failures are judged by outcome, not listed again',
      { given: [[2, 2], [2, 2], [], [recordFailure]], want: [] },
    ],
  ] as const)('%s', (_name, { given: [a, b, bf, af], want }) => {
    const report = compareReports(body([...a], [...bf]), body([...b], [...af]));
    expect(report.findings.map((f) => f.id)).toEqual(want);
    expect(report.pass).toBe(want.length === 0);
  });
});

describe('compareReports: digest formats', () => {
  it('refuses reports whose verification digests have different leaf forms (exit 2, not a FAIL)', () => {
    const old = { ...body([2, 2]), verificationDigestFormat: undefined } as unknown as VerifyReportBody;
    expect(() => compareReports(old, body([2, 2]))).toThrow(
      expect.objectContaining({ code: 'ERR_REPORT', message: expect.stringMatching(/format 1 .* has 2/) }),
    );
  });

  it('refuses reports made under different record profiles (exit 2, not a verdict)', () => {
    const other = {
      ...body([1, 1]),
      profile: { digest: 'e'.repeat(64), disabled: ['chain: none — lineage not verified'] },
    };
    expect(() => compareReports(body([1, 1]), other)).toThrow(
      expect.objectContaining({ code: 'ERR_REPORT', message: expect.stringContaining('record profile') }),
    );
    // A report from before profiles existed was made under proofgate's own profile.
    const { profile: _p, ...old } = body([1, 1]);
    expect(compareReports(old as VerifyReportBody, body([1, 1])).pass).toBe(true);
    expect(() => compareReports(old as VerifyReportBody, other)).toThrow(
      expect.objectContaining({ code: 'ERR_REPORT' }),
    );
  });
});
