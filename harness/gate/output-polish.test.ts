import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MINI_SPEC_FILE } from '../conformance/__fixtures__/mini.js';
import { plural } from '../report/plural.js';
import { mdCell } from '../report/render-markdown.js';
import { renderText } from '../report/render-text.js';
import { captureContext } from '../testing/capture-context.js';
import { tempDirs } from '../testing/temp-dirs.js';
import { runProdGate, type StageSpec } from './index.js';

const tempDir = tempDirs();
const MODULE = resolve('harness/conformance/__fixtures__/mini-subject.ts');

// What a reader of the gate's output sees: one verdict, stage names that are the stage's, one
// stage table in summary.md, code spans that stay code, a stage error said once.
const TABLE: StageSpec[] = [
  {
    id: 'check-openapi',
    title: 'Candidate spec vs frozen v1',
    command: 'check-openapi',
    defaultArgs: () => ['--base', 'missing.yaml', '--candidate', 'missing.yaml'],
  },
  {
    id: 'rails',
    title: 'Property rails',
    command: 'conformance',
    defaultArgs: () => ['--rails-only', '--app', MODULE, '--spec', MINI_SPEC_FILE, '--runs', '2'],
  },
  {
    id: 'release-class',
    title: 'Release class',
    load: async () => ({
      id: 'release-class',
      title: 'Release class',
      run: async () => ({
        command: 'release-class',
        title: 'Release class: patch',
        pass: true,
        body: {},
        findings: [],
      }),
    }),
  },
  { id: 'later', title: 'Not selected', command: 'verify-freeze' },
];

describe('prod-gate output', async () => {
  const cwd = tempDir('pg-gate-output-');
  const { report, outcomes, folder } = await runProdGate({
    cli: captureContext(cwd),
    config: { config: {}, file: undefined, dir: cwd },
    date: '2026-11-21',
    skip: ['later'],
    changelog: false,
    stages: TABLE,
  });
  const text = renderText(report);

  it('states the verdict once, with counts in English', () => {
    expect(text.split('\n')[0]).toBe(
      'FAIL  prod-gate: 1 stage failed (check-openapi), 2 stages passed, 1 skipped (later)',
    );
    expect(text).not.toMatch(/stage\(s\)|FAIL.*FAIL/);
    expect(plural(1, 'operation')).toBe('1 operation');
    expect(plural(3, 'operation')).toBe('3 operations');
  });

  it('a stage error is said once, under its stage', () => {
    const f = report.findings.find((x) => x.id === 'stage-error');
    expect(f).toMatchObject({ group: 'check-openapi', level: 'error' });
    expect(f?.message).toMatch(/^ERR_INPUT: /);
    expect(text).not.toMatch(/stage-error: check-openapi: stage-error/);
  });

  it('a stage run through another command is titled by its own id', () => {
    expect(outcomes.find((o) => o.id === 'rails')?.report?.title).toMatch(/^rails: /);
  });

  it('summary.md has one stage table and keeps code spans', () => {
    const summary = readFileSync(join(folder.dir, 'summary.md'), 'utf8');
    expect(summary.match(/^\| stage \| result \| time \| detail \|$/gm)).toHaveLength(1);
    expect(summary).not.toContain('| check | result |');
    expect(summary.match(/^### ❌ proofgate prod-gate: FAIL$/gm)).toHaveLength(1);
    expect(summary).toContain('| `rails` Property rails | ✅ pass |');
  });

  it.each([
    ['a code span stays one', 'run `proofgate init` first', 'run `proofgate init` first'],
    ['a pipe in a code span', 'use `a|b`', 'use `a\\|b`'],
    ['markup outside code', 'a <b> *c* _d_', 'a \\<b\\> \\*c\\* \\_d\\_'],
    ['an unbalanced backtick', 'it`s', 'it\\`s'],
    ['underscores inside code', '`gate.stages.proof_runner`', '`gate.stages.proof_runner`'],
    ['a newline', 'a\nb', 'a<br>b'],
  ])('mdCell: %s', (_n, given, want) => {
    expect(mdCell(given)).toBe(want);
  });
});
