import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { packagePath } from '../paths.js';
import { captureContext } from '../testing/capture-context.js';
import { tmpfs, unmountAll } from '../testing/tmpfs.js';
import { writeFileAtomic } from './write-atomic.js';

afterAll(unmountAll);

// Real file systems that are full or read-only; never a mocked fs.
describe('--out on a full or read-only file system: exit 2 saying so, nothing half-written', () => {
  it.each([
    ['full', 'size=64k', 'no space left on the device'],
    ['read-only', 'size=64k,ro', 'the file system is read-only'],
  ])('%s', async (kind, options, message) => {
    const mnt = tmpfs(options);
    if (mnt === undefined) return;
    if (kind === 'full') {
      try {
        writeFileSync(join(mnt, 'filler'), Buffer.alloc(64 * 1024));
      } catch {
        // full now
      }
    }
    const before = readdirSync(mnt);
    await expect(writeFileAtomic(join(mnt, 'report.json'), 'x'.repeat(8192))).rejects.toMatchObject({
      code: 'ERR_OUTPUT',
      message: expect.stringContaining(message),
    });
    const spec = packagePath('contracts', 'v1', 'openapi.yaml');
    const ctx = captureContext(packagePath());
    const code = await main(
      [
        'check-openapi',
        '--base',
        spec,
        '--candidate',
        spec,
        '--format',
        'json',
        '--out',
        join(mnt, 'r.json'),
      ],
      ctx,
    );
    expect(code).toBe(2);
    expect(ctx.stderrText()).toContain(
      `error ERR_OUTPUT: cannot write file ${join(mnt, 'r.json')}: ${message}`,
    );
    expect(ctx.stderrText()).not.toContain('internal error');
    expect(ctx.stdoutText()).toBe('');
    expect(readdirSync(mnt)).toEqual(before); // no temp file left
  });
});
