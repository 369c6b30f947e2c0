import { describe, expect, it } from 'vitest';
import { main } from './main.js';
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
