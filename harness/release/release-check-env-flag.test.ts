import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
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

  it('the bin is a plain `env node` script (busybox env has no -S), and the re-exec puts -- before it', async () => {
    const { stdout } = await promisify(execFile)('head', ['-1', packagePath('bin', 'proofgate.js')]);
    expect(stdout.trim()).toBe('#!/usr/bin/env node');
  });
});
