// Fault suite (issue 14, false PASS #7): compare must not PASS on reports that verified nothing,
// failed, or were edited. Inputs: fixtures/faults/compare.
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { packagePath } from '../paths.js';
import { captureContext } from '../testing/capture-context.js';

const F = (name: string) => packagePath(`fixtures/faults/compare/${name}`);

async function compare(before: string, after: string) {
  const ctx = captureContext();
  const code = await main(['compare', F(before), F(after), '--format', 'json'], ctx);
  return { code, out: ctx.stdoutText(), err: ctx.stderrText() };
}

describe('compare refuses reports that prove nothing', () => {
  it('two copies of one PASS report are unchanged (exit 0)', async () => {
    const r = await compare('pass.json', 'pass.json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).verdict).toBe('PASS');
  });

  it.each([
    ['two identical FAIL reports', 'fail.json', 'fail.json', ['before-not-pass', 'after-not-pass']],
    [
      'two empty-history reports',
      'empty.json',
      'empty.json',
      ['before-verified-nothing', 'after-verified-nothing'],
    ],
    ['a FAIL before, a PASS after', 'fail.json', 'pass.json', ['before-not-pass']],
    ['a PASS before, an empty report after', 'pass.json', 'empty.json', ['after-verified-nothing']],
  ])('%s: FAIL (exit 1) naming the side', async (_n, before, after, ids) => {
    const r = await compare(before, after);
    expect(r.code).toBe(1);
    const body = JSON.parse(r.out) as { verdict: string; changes: { id: string }[] };
    expect(body.verdict).toBe('FAIL');
    for (const id of ids) expect(body.changes.map((c) => c.id)).toContain(id);
  });

  it.each([
    ['a verdict edited (digest left as is)', 'verdict-edited.json', /modified after it was written/],
    [
      'a verdict edited and the digest recomputed',
      'verdict-edited-redigested.json',
      /does not agree with the report's own findings/,
    ],
    ['a report without a digest', 'no-digest.json', /no digest/],
  ])('%s: exit 2 (ERR_REPORT), on either side', async (_n, file, msg) => {
    for (const [a, b] of [
      [file, 'pass.json'],
      ['pass.json', file],
    ] as const) {
      const r = await compare(a, b);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/ERR_REPORT/);
      expect(r.err).toMatch(msg);
      expect(r.err).toContain(file);
    }
  });
});
