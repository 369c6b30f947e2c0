import { execFile } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packagePath } from '../paths.js';
import { runCli } from '../testing/run-cli.js';

// False PASS #2: `release-check --env-file FILE` let Node itself read FILE (Node reads --env-file
// anywhere before a `--`, even after the script) and apply its NODE_OPTIONS: exit 0, no output.
const hostile = packagePath('fixtures', 'env', 'hostile', 'node-options-exit0.env');
const benign = packagePath('fixtures', 'env', 'hostile', 'benign.env');

describe('release-check --env: Node never sees the env file', () => {
  it('--env reads the hostile file as data: its NODE_OPTIONS never runs and the guards FAIL it', async () => {
    const { code, stdout } = await runCli(['release-check', '--env', hostile, '--format', 'json']).done;
    expect(stdout).toContain('"verdict": "FAIL"');
    expect(code).toBe(1);
  });

  it('--env-file that Node has already read is refused (exit 2), never checked as if nothing happened', async () => {
    const { code, stderr } = await runCli(['release-check', '--env-file', benign]).done;
    expect(stderr).toContain('--env-file is also a Node.js option: Node read that file itself');
    expect(stderr).toContain('use `proofgate release-check --env FILE`');
    expect(code).toBe(2);
  });

  it('--env-file after `node --` (Node stops reading at --) still works', async () => {
    const { code } = await runCli(['release-check', '--env-file', hostile], { nodeArgs: ['--'] }).done;
    expect(code).toBe(1);
  });

  it('a missing env file: exit 2 saying so (Node used to say `node: X: not found`, rc 9)', async () => {
    const { code, stderr } = await runCli(['release-check', '--env', 'no-such.env']).done;
    expect(stderr).toMatch(/ERR_INPUT: .*no-such\.env: env file not found/);
    expect(code).toBe(2);
  });

  // The exact reproduction: the bin run as a program, as npm's and pnpm's bin links run it.
  it.each([
    ['the bin file', (dir: string) => packagePath('bin', 'proofgate.js')],
    ['a node_modules/.bin link to it', (dir: string) => linkBin(dir)],
  ])(
    '`proofgate release-check --env-file hostile.env` through %s: the file never runs, FAIL (exit 1)',
    async (_, bin) => {
      const dir = await mkdtemp(join(tmpdir(), 'pg-envbin-'));
      try {
        const result = await run(bin(dir), ['release-check', '--env-file', hostile, '--format', 'json']);
        expect(result.stdout).toContain('"verdict": "FAIL"');
        expect(result.code).toBe(1);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );

  it('the bin is a /bin/sh script that re-runs itself as `node -- <bin>` (busybox env has no -S)', async () => {
    const lines = (await readFile(packagePath('bin', 'proofgate.js'), 'utf8')).split('\n');
    expect(lines[0]).toBe('#!/bin/sh');
    expect(lines[1]).toBe(`':' //; exec node -- "$0" "$@"`);
    expect(((await stat(packagePath('bin', 'proofgate.js'))).mode & 0o111) !== 0).toBe(true);
  });
});

function linkBin(dir: string): string {
  const link = join(dir, 'node_modules', '.bin', 'proofgate');
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(packagePath('bin', 'proofgate.js'), link);
  return link;
}

function run(file: string, args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    execFile(file, args, (error, stdout) => {
      if (error !== null && typeof error.code !== 'number') reject(error);
      else resolve({ code: error === null ? 0 : (error.code as number), stdout });
    });
  });
}
