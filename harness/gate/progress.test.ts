import { describe, expect, it } from 'vitest';
import { progressPrinter } from './progress.js';
import type { StageOutcome } from './types.js';

const outcome: StageOutcome = {
  id: 'check-openapi',
  title: 'Candidate spec vs frozen v1',
  status: 'pass',
  durationMs: 1200,
  log: [],
};

function print(isTTY: boolean, env: NodeJS.ProcessEnv): string {
  const chunks: string[] = [];
  const p = progressPrinter({ write: (s) => void chunks.push(s), isTTY }, 9, env);
  p.start(1, outcome.id);
  p.end(1, outcome);
  return chunks.join('');
}

describe('prod-gate progress on stderr', () => {
  it.each([
    ['CI=true on a pseudo-TTY', true, { CI: 'true' }],
    ['CI=1', true, { CI: '1' }],
    ['Jenkins (JENKINS_URL)', true, { JENKINS_URL: 'https://ci.example.test/' }],
    ['TERM=dumb', true, { TERM: 'dumb' }],
    ['NO_COLOR', true, { NO_COLOR: '1' }],
    ['no TTY', false, {}],
  ])('%s: one plain line per stage, no cursor-control or colour codes', (_n, tty, env) => {
    expect(print(tty, env)).toBe('prod-gate [2/9] check-openapi: PASS (1.2s)\n');
  });

  it.each([
    ['a terminal', {}],
    ['CI=false', { CI: 'false' }],
  ])('%s: a live line', (_n, env) => {
    expect(print(true, env)).toMatch(/^\x1b\[2K\r… \[2\/9\] check-openapi running\x1b\[2K\r/);
  });
});
