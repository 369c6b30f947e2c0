import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { packagePath } from '../paths.js';
import { captureContext } from '../testing/capture-context.js';
import { isProofgateRepository } from './reference-service.js';

const team = mkdtempSync(join(tmpdir(), 'pg-team-'));
afterAll(() => rmSync(team, { recursive: true, force: true }));
mkdirSync(join(team, 'contracts', 'v1'), { recursive: true });
writeFileSync(
  join(team, 'contracts', 'v1', 'openapi.yaml'),
  'openapi: 3.0.3\ninfo: { title: t, version: "1" }\npaths: {}\n',
);

describe("conformance outside proofgate's repository", () => {
  it('knows where the reference service exists', () => {
    expect(isProofgateRepository(packagePath())).toBe(true);
    expect(isProofgateRepository(packagePath('harness', 'gate'))).toBe(true);
    expect(isProofgateRepository(team)).toBe(false);
    expect(isProofgateRepository(join(team, 'missing'))).toBe(false);
  });

  it.each([
    [
      'no app and no base URL',
      [],
      /ERR_CONFIG: conformance needs your service[^]*hint: set conformance\.app/,
    ],
    ['the rails alone', ['--rails-only'], /ERR_CONFIG: conformance needs your service/],
    [
      'a reference-service variant',
      ['--variant', 'tenant-leak'],
      /--variant runs proofgate's reference service/,
    ],
  ])('%s is exit 2 saying what to configure (never proofgate’s own fixtures)', async (_n, args, want) => {
    const ctx = captureContext(team);
    expect(await main(['conformance', ...args], ctx)).toBe(2);
    expect(ctx.stderrText()).toMatch(want);
    expect(ctx.stderrText()).not.toMatch(/internal error|fixtures\/releases/);
  });
});
