import { describe, expect, it } from 'vitest';
import type { Finding } from '../report/index.js';
import type { VerifyReportBody } from '../verify/index.js';
import { compareExtras } from './compare-extras.js';

const body = (anchors: { total: number; verified: number }): VerifyReportBody =>
  ({ anchors }) as unknown as VerifyReportBody;
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

describe('compareExtras', () => {
  it.each([
    ['nothing changed', { before: [2, 2], after: [2, 2], bf: [], af: [], want: [] }],
    [
      'an anchor no longer verifies',
      {
        before: [2, 2],
        after: [2, 1],
        bf: [],
        af: [anchorProblem],
        want: ['anchors-changed', 'anchor-signature-invalid'],
      },
    ],
    ['an anchor was deleted', { before: [2, 2], after: [1, 1], bf: [], af: [], want: ['anchors-changed'] }],
    [
      'a new malformed key binding',
      { before: [2, 2], after: [2, 2], bf: [], af: [keyProblem], want: ['key-binding-invalid'] },
    ],
    [
      'a problem the baseline already had is not new',
      { before: [2, 2], after: [2, 2], bf: [keyProblem], af: [keyProblem], want: [] },
    ],
    [
      'record failures are for compareReports',
      { before: [2, 2], after: [2, 2], bf: [], af: [recordFailure], want: [] },
    ],
  ] as const)('%s', (_name, { before, after, bf, af, want }) => {
    const out = compareExtras(
      body({ total: before[0], verified: before[1] }),
      body({ total: after[0], verified: after[1] }),
      bf,
      af,
    );
    expect(out.map((f) => f.id)).toEqual(want);
    expect(out.every((f) => f.level === 'error')).toBe(true);
  });
});
