import { cp, mkdtemp, open, rm } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packagePath } from '../paths.js';
import { runCli, type CliRun } from '../testing/run-cli.js';

// Every command ends a signal the same way: a message on stderr and 130 (SIGINT) / 143 (SIGTERM).
// Each case waits for an event proving the command is mid-run before it sends the signal.

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'proofgate-signals-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** verify-proofs (re-executed by the launcher) blocked reading keys.jwks.json from a FIFO. */
async function verifyProofsBlocked(): Promise<{ run: CliRun; release: () => Promise<void> }> {
  const bundle = await mkdtemp(join(dir, 'bundle-'));
  const small = packagePath('fixtures', 'history', 'small');
  for (const f of ['manifest.json', 'records.jsonl', 'anchors.jsonl'])
    await cp(join(small, f), join(bundle, f));
  execFileSync('mkfifo', [join(bundle, 'keys.jwks.json')]);
  const run = runCli(['verify-proofs', '--bundle', bundle]);
  // Opening a FIFO for writing completes only once the reader (verify-proofs) has opened it.
  const writer = await open(join(bundle, 'keys.jwks.json'), 'w');
  return { run, release: () => writer.close() };
}

/** conformance blocked in an app factory that printed that it started. */
async function conformanceBlocked(): Promise<{ run: CliRun; release: () => Promise<void> }> {
  const run = runCli([
    'conformance',
    '--app',
    packagePath('fixtures', 'conformance', 'bad-apps', 'waits.mjs#createApp'),
  ]);
  await run.stderrLine(/factory started/);
  return { run, release: async () => undefined };
}

/** release-check (no re-exec) blocked reading its env file from a FIFO. */
async function releaseCheckBlocked(): Promise<{ run: CliRun; release: () => Promise<void> }> {
  const fifo = join(await mkdtemp(join(dir, 'env-')), 'prod.env');
  execFileSync('mkfifo', [fifo]);
  const run = runCli(['release-check', '--env', fifo]);
  const writer = await open(fifo, 'w');
  return { run, release: () => writer.close() };
}

describe('signals: one exit code and one message in every command', () => {
  it.each([
    ['verify-proofs', 'SIGINT', 130, verifyProofsBlocked],
    ['verify-proofs', 'SIGTERM', 143, verifyProofsBlocked],
    ['release-check', 'SIGINT', 130, releaseCheckBlocked],
    ['release-check', 'SIGTERM', 143, releaseCheckBlocked],
    ['conformance', 'SIGINT', 130, conformanceBlocked],
    ['conformance', 'SIGTERM', 143, conformanceBlocked],
  ] as const)('%s + %s → exit %i with a message', async (command, signal, want, start) => {
    const { run, release } = await start();
    run.child.kill(signal);
    // The message comes first; process.exit then waits for libuv's threads, one of which is
    // blocked opening/reading the FIFO, so the writer is closed only after the message.
    await run.stderrLine(/interrupted by/);
    await release();
    const { code, stderr } = await run.done;
    expect(stderr).toContain(
      `proofgate ${command}: interrupted by ${signal}: the run stopped before its verdict; no report was written (exit ${want})`,
    );
    expect(code).toBe(want);
  });
});
