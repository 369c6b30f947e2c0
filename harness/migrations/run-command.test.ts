import { describe, expect, it } from 'vitest';
import { runCommand, spawnCollect } from './run-command.js';

const node = process.execPath;

describe('spawnCollect / runCommand', () => {
  it('keeps only the tail of a long stderr, exactly the last characters written', async () => {
    // 200 000 characters in many writes, multi-byte ones included: the tail must be exact.
    const script = `for (let i = 0; i < 20000; i++) process.stderr.write('line ' + String(i).padStart(4, '0') + '\\n');
      process.stderr.write('é end');`;
    const r = await spawnCollect(node, ['-e', script], { env: { PATH: process.env.PATH }, keepStderr: 100 });
    expect(r.code).toBe(0);
    expect(r.stderr).toHaveLength(100);
    expect(r.stderr.endsWith('line 19999\né end')).toBe(true);
  });

  it('passes only the environment it is given; the spawn error itself is its rejection', async () => {
    const r = await spawnCollect(node, ['-e', 'process.stdout.write(String(process.env.HOME))'], {
      env: { PATH: process.env.PATH },
    });
    expect(r.stdout).toBe('undefined');
    await expect(spawnCollect('/nonexistent/tool', [], { env: {} })).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });

  it('runCommand words a missing program as ERR_MIGRATION', async () => {
    await expect(
      runCommand(['/nonexistent/alembic', 'upgrade'], { cwd: process.cwd(), env: {}, timeoutMs: 10_000 }),
    ).rejects.toMatchObject({ code: 'ERR_MIGRATION' });
  });
});
