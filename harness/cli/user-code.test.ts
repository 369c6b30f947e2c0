import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/index.js';
import { runUserCode } from './user-code.js';

const options = {
  what: 'test module',
  error: (message: string, cause?: unknown) =>
    new ConfigError(message, cause === undefined ? undefined : { cause }),
};

describe('runUserCode', () => {
  it.each([
    [
      'process.exit(0)',
      (): unknown => process.exit(0),
      'test module called process.exit(0); only proofgate decides the exit code',
    ],
    [
      'process.exit() after an await',
      async () => {
        await null;
        process.exit();
      },
      'test module called process.exit()',
    ],
    [
      'process.exit(3) that the code catches',
      (): unknown => {
        try {
          process.exit(3);
        } catch {
          /* swallowed */
        }
        return 1;
      },
      'test module called process.exit(3); only proofgate decides the exit code',
    ],
    [
      'a throw',
      () => {
        throw new Error('boom');
      },
      'test module failed: boom',
    ],
    ['a promise that never settles', () => new Promise(() => {}), 'test module did not finish within 50 ms'],
  ] as const)('%s → ERR_CONFIG naming it', async (_n, fn, message) => {
    const exit = process.exit;
    await expect(runUserCode(fn as () => unknown, { ...options, timeoutMs: 50 })).rejects.toMatchObject({
      code: 'ERR_CONFIG',
      message: expect.stringMatching(new RegExp(`^${message.replace(/[.()]/g, '\\$&')}`)),
    });
    expect(process.exit).toBe(exit); // the guard never outlives the call
  });

  it('returns what well-behaved code gives, and nests', async () => {
    const exit = process.exit;
    const inner = () => runUserCode(() => 'inner', { ...options, what: 'inner' });
    await expect(runUserCode(async () => `outer+${await inner()}`, options)).resolves.toBe('outer+inner');
    expect(process.exit).toBe(exit);
  });
});
