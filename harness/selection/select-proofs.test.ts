import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { captureContext } from '../testing/capture-context.js';
import type { ProofgateConfig } from '../config/index.js';
import {
  classifyPath,
  globToRegExp,
  selectionReport,
  selectionSection,
  selectProofs,
  type SelectionConfig,
} from './index.js';
import { tempRepo } from './temp-repo.js';

// The seed runbook's mapping (as in proofgate.config.mjs).
const CONFIG: SelectionConfig = {
  suites: [
    { name: 'payment', match: 'payment', files: ['proofs/payment*.proof.ts'] },
    { name: 'booking', match: 'booking', files: ['proofs/booking*.proof.ts'] },
    { name: 'guardrails', match: 'guardrail|kill.*switch', files: ['proofs/guardrail*.proof.ts'] },
    { name: 'migrations', categories: ['schema'], files: ['proofs/migration*.proof.ts'] },
  ],
};

const repo = tempRepo('pg-select-');
const refs: Record<string, string> = {};

beforeAll(() => {
  refs.base = repo.commit('base', {
    'src/payment/charge.ts': 'export const charge = 1;\n',
    'src/orders.ts': 'export const orders = [];\n',
    'src/limits.ts': 'export const limit = 5;\n',
    'README.md': '# app\n',
    'proofs/payment.proof.ts': '',
    'proofs/booking.proof.ts': '',
    'proofs/guardrail.proof.ts': '',
    'proofs/migration.proof.ts': '',
  });
  refs.docs = repo.commit('docs only', { 'README.md': '# app\nmore\n', 'docs/ops.md': 'x\n' });
  refs.ui = repo.commit('ui only', { 'ui/app.css': 'a{}\n', 'web/index.html': '<p>\n' });
  refs.tests = repo.commit('test only', { 'src/orders.test.ts': 'test\n', 'tests/e2e/flow.ts': 'x\n' });
  refs.mixedInert = repo.commit('docs+ui+test', {
    'docs/ops.md': 'y\n',
    'ui/app.css': 'b{}\n',
    'src/limits.test.ts': 't\n',
  });
  refs.payment = repo.commit('payment code', { 'src/payment/charge.ts': 'export const charge = 2;\n' });
  refs.bookingLine = repo.commit('booking by content', {
    'src/orders.ts': 'export const orders = [];\n// booking window\n',
  });
  refs.killSwitch = repo.commit('kill switch by content', {
    'src/limits.ts': 'export const limit = 5;\nexport const killSwitch = true;\n',
  });
  refs.schema = repo.commit('schema', { 'db/migrations/0002_add_index.sql': 'CREATE INDEX i ON t (c);\n' });
  refs.unmatched = repo.commit('unmatched code', { 'src/util.ts': 'export const u = 1;\n' });
  refs.rename = repo.commit('rename a payment file', {
    'src/payment/charge.ts': null,
    'src/billing/charge.ts': 'export const charge = 2;\n',
  });
});
afterAll(() => repo.remove());

const names = async (from: string, to: string, config: SelectionConfig = CONFIG) =>
  (await selectProofs(repo.dir, refs[from]!, refs[to]!, config)).suites.map((s) => s.name);

describe('proof selection from a real git diff', () => {
  it.each([
    ['docs-only', 'base', 'docs', [], 'docs-only change: no proof suite needed'],
    ['UI-only', 'docs', 'ui', [], 'ui-only change: no proof suite needed'],
    ['test-only', 'ui', 'tests', [], 'test-only change: no proof suite needed'],
    ['docs+UI+test', 'tests', 'mixedInert', [], 'docs/test/ui-only change: no proof suite needed'],
    ['payment path', 'mixedInert', 'payment', ['payment'], undefined],
    ['booking in a changed line', 'payment', 'bookingLine', ['booking'], undefined],
    ['kill switch in a changed line', 'bookingLine', 'killSwitch', ['guardrails'], undefined],
    ['schema change needs the migration proofs', 'killSwitch', 'schema', ['migrations'], undefined],
    [
      'uncovered code change runs every suite',
      'schema',
      'unmatched',
      ['payment', 'booking', 'guardrails', 'migrations'],
      undefined,
    ],
    ['a rename keeps its old path', 'unmatched', 'rename', ['payment'], undefined],
    ['no change', 'docs', 'docs', [], 'no change between the refs'],
  ])('%s', async (_n, from, to, want, none) => {
    const sel = await selectProofs(repo.dir, refs[from]!, refs[to]!, CONFIG);
    expect(sel.suites.map((s) => s.name)).toEqual(want);
    expect(sel.none).toBe(none);
  });

  it('explains each selection and lists the suite files', async () => {
    const sel = await selectProofs(repo.dir, refs.payment!, refs.killSwitch!, CONFIG);
    expect(sel.suites).toEqual([
      {
        name: 'booking',
        reasons: ['a changed line of src/orders.ts matches /booking/i'],
        files: ['proofs/booking.proof.ts'],
      },
      {
        name: 'guardrails',
        reasons: ['a changed line of src/limits.ts matches /guardrail|kill.*switch/i'],
        files: ['proofs/guardrail.proof.ts'],
      },
    ]);
    expect(sel.changes.map((c) => [c.path, c.status, c.category])).toEqual([
      ['src/limits.ts', 'M', 'code'],
      ['src/orders.ts', 'M', 'code'],
    ]);
  });

  it('a relevant change with no suite configured at all is FAIL (selection-no-rules)', async () => {
    const sel = await selectProofs(repo.dir, refs.schema!, refs.unmatched!, {});
    expect(selectionReport(sel).findings.map((f) => [f.id, f.level])).toEqual([
      ['selection-no-rules', 'error'],
    ]);
  });

  it("unmatched: 'fail' names the uncovered files", async () => {
    const sel = await selectProofs(repo.dir, refs.schema!, refs.unmatched!, { ...CONFIG, unmatched: 'fail' });
    expect(sel.unmatched).toEqual(['src/util.ts']);
    expect(await names('schema', 'unmatched', { ...CONFIG, unmatched: 'none' })).toEqual([]);
  });

  it('an unknown ref is ERR_INPUT', async () => {
    await expect(selectProofs(repo.dir, 'no-such-ref', 'HEAD', CONFIG)).rejects.toMatchObject({
      code: 'ERR_INPUT',
    });
    await expect(selectProofs(repo.dir, '--output=x', 'HEAD', CONFIG)).rejects.toMatchObject({
      code: 'ERR_INPUT',
    });
  });

  it('select-proofs command: JSON report, exit 0; exit 1 on an uncovered change with unmatched fail', async () => {
    writeFileSync(join(repo.dir, 'proofgate.config.json'), JSON.stringify({ selection: CONFIG }));
    const ctx = captureContext(repo.dir);
    expect(
      await main(
        ['select-proofs', '--from', refs.killSwitch!, '--to', refs.schema!, '--format', 'json'],
        ctx,
      ),
    ).toBe(0);
    const json = JSON.parse(ctx.stdoutText()) as { suites: { name: string }[]; digest: string };
    expect(json.suites.map((s) => s.name)).toEqual(['migrations']);
    const bad = captureContext(repo.dir);
    expect(await main(['select-proofs', '--from', 'nope'], bad)).toBe(2);
    expect(bad.stderrText()).toContain('ERR_INPUT');
  });
});

describe('path categories and globs', () => {
  it.each([
    ['docs/a/b.md', 'docs'],
    ['README.md', 'docs'],
    ['src/a.test.ts', 'test'],
    ['pkg/tests/x.py', 'test'],
    ['ui/app.tsx', 'ui'],
    ['db/migrations/0001.sql', 'schema'],
    ['alembic/versions/abc_add.py', 'schema'],
    ['policy/rules.rego', 'policy'],
    ['proofgate.config.mjs', 'config'],
    ['deploy/values.yaml', 'config'],
    ['.github/workflows/ci.yml', 'config'],
    ['src/server.ts', 'code'],
  ])('%s is %s', (path, want) => expect(classifyPath(path)).toBe(want));

  it.each([
    ['**/*.ts', 'a/b/c.ts', true],
    ['**/*.ts', 'c.ts', true],
    ['src/*.ts', 'src/a/b.ts', false],
    ['*.{md,rst}', 'x/y.rst', true],
    ['proofs/payment*.proof.ts', 'proofs/payment-refund.proof.ts', true],
    ['a/**', 'a/b/c', true],
    ['file[0-9].txt', 'file7.txt', true],
    ['a.b', 'axb', false],
  ])('%s ~ %s = %s', (glob, path, want) => expect(globToRegExp(glob).test(path)).toBe(want));

  it.each([
    ['bad category', { categories: { nope: [] } }, 'selection.categories.nope: unknown key'],
    ['bad regex', { suites: [{ name: 'x', files: ['a'], match: '(' }] }, 'not a valid regular expression'],
    ['never selects', { suites: [{ name: 'x', files: ['a'] }] }, 'never selects'],
    [
      'no files',
      { suites: [{ name: 'x', files: [], match: 'x' }] },
      'selection.suites[0].files: must list at least 1 item',
    ],
    [
      'twice',
      {
        suites: [
          { name: 'x', files: ['a'], match: 'x' },
          { name: 'x', files: ['a'], match: 'y' },
        ],
      },
      'defined twice',
    ],
  ])('config: %s is ERR_CONFIG', (_n, selection, msg) => {
    expect(() => selectionSection({ selection } as unknown as ProofgateConfig)).toThrow(
      expect.objectContaining({ code: 'ERR_CONFIG', message: expect.stringContaining(msg) }),
    );
  });
});
