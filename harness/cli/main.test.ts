import { afterEach, describe, expect, it } from 'vitest';
import { guardExit } from './exit-guard.js';
import { main } from './main.js';
import { COMMANDS } from './registry.js';
import { captureContext } from '../testing/capture-context.js';

describe('cli', () => {
  it.each([
    ['no command is a usage error', { given: [], want: 2 }],
    ['unknown command is a usage error', { given: ['frobnicate'], want: 2 }],
    ['--help', { given: ['--help'], want: 0 }],
    ['--version', { given: ['--version'], want: 0 }],
  ] as const)('%s', async (_name, { given, want }) => {
    const ctx = captureContext();
    expect(await main([...given], ctx)).toBe(want);
  });
});

describe('process.exit() from code a command runs', () => {
  afterEach(() => {
    delete COMMANDS['test-exit'];
  });
  const command = (run: () => number) => {
    COMMANDS['test-exit'] = {
      summary: '',
      load: async () => ({
        name: 'test-exit',
        summary: '',
        help: '',
        run: async () => {
          const release = guardExit('test code');
          try {
            return run();
          } finally {
            release();
          }
        },
      }),
    };
  };
  it.each([
    ['escapes the command', () => process.exit(0)],
    [
      'is caught by the code, which reports PASS anyway',
      () => {
        try {
          process.exit(0);
        } catch {
          /* swallowed */
        }
        return 0;
      },
    ],
  ])('%s: exit 2 naming it, never 0', async (_n, run) => {
    command(run);
    const ctx = captureContext();
    expect(await main(['test-exit'], ctx)).toBe(2);
    expect(ctx.stderrText()).toBe(
      'proofgate test-exit: error ERR_USER_EXIT: test code called process.exit(0)\n' +
        '  only proofgate decides the exit code; the run did not verify anything (exit 2)\n',
    );
  });
});
