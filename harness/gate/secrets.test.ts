import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { packagePath } from '../paths.js';
import { FORMATS } from '../report/types.js';
import { captureContext } from '../testing/capture-context.js';

// Nothing listens on port 1: both stages fail on the connection, and their command lines, error
// messages and reports all carry the URL. No credential may reach any file or stream.
const USERINFO = 'UserInfoPw-7731';
const QUERY = 'QueryPw-9054';
const CONNINFO = 'ConnInfoPw-4410';
const ENV = 'EnvPw-31337x';
const SECRETS = [USERINFO, QUERY, CONNINFO, ENV];
const URLS = {
  userinfo: `postgres://gate:${USERINFO}@127.0.0.1:1/ledger?sslmode=disable`,
  query: `postgres://gate@127.0.0.1:1/ledger?sslmode=disable&password=${QUERY}`,
};

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe('no credential in any artifact, format or stream', () => {
  const forms = Object.keys(URLS) as (keyof typeof URLS)[];
  it.each(
    FORMATS.flatMap((f) =>
      forms.flatMap((u) => (['stdout', '--out'] as const).map((o) => [f, u, o] as const)),
    ),
  )('--format %s, password in the %s, report to %s', async (format, form, sink) => {
    const cwd = mkdtempSync(join(tmpdir(), 'pg-gate-secret-'));
    made.push(cwd);
    mkdirSync(join(cwd, 'contracts', 'v1'), { recursive: true });
    writeFileSync(join(cwd, 'contracts', 'v1', 'openapi.yaml'), 'openapi: 3.1.0\n');
    const url = URLS[form];
    const rel = (...p: string[]) => packagePath('fixtures', 'releases', ...p);
    writeFileSync(
      join(cwd, 'proofgate.config.json'),
      JSON.stringify({
        gate: {
          stages: {
            'verify-proofs': { args: ['--database-url', url] },
            rehearse: {
              args: [
                ...['--base', rel('r1'), '--candidate', rel('r2'), '--lock', rel('migrations.lock.json')],
                ...['--generate', '3', '--provider', 'url', '--database-url', url],
              ],
            },
          },
        },
      }),
    );
    const summary = join(cwd, 'step-summary.md');
    writeFileSync(summary, '');
    const ctx = captureContext(cwd, {
      GITHUB_STEP_SUMMARY: summary,
      PGPASSWORD: ENV,
      PROOFGATE_DATABASE_URL: `host=127.0.0.1 port=1 password=${CONNINFO}`,
    });
    const code = await main(
      [
        'prod-gate',
        ...['--only', 'verify-proofs,rehearse', '--date', '2026-11-21', '--format', format],
        ...(sink === '--out' ? ['--out', join(cwd, `report.${format}`)] : []),
      ],
      ctx,
    );
    expect(code).toBe(1);
    const logs = readFileSync(join(cwd, 'proofgate-release', 'logs', 'verify-proofs.log'), 'utf8');
    expect(logs).toContain('$ proofgate verify-proofs --database-url postgres://gate');
    expect(readFileSync(join(cwd, 'proofgate-release', 'logs', 'rehearse.log'), 'utf8')).toContain(
      '--database-url postgres://gate',
    );
    const written = files(cwd).filter((f) => !f.endsWith('proofgate.config.json'));
    expect(written.map((f) => f.slice(cwd.length + 1))).toEqual(
      expect.arrayContaining([
        'OPERATIONS_CHANGELOG.md',
        ...(sink === '--out' ? [`report.${format}`] : []),
        'step-summary.md',
        'proofgate-release/report.json',
        'proofgate-release/report.junit.xml',
        'proofgate-release/summary.md',
      ]),
    );
    for (const f of written) {
      const text = readFileSync(f, 'utf8');
      for (const s of SECRETS) expect(text, `${f} holds ${s}`).not.toContain(s);
    }
    // The report itself went to stdout (or the one-line verdict, with --out).
    expect(ctx.stdoutText()).toContain(sink === 'stdout' ? 'stage-error' : 'FAIL');
    for (const s of SECRETS) {
      expect(ctx.stdoutText()).not.toContain(s);
      expect(ctx.stderrText()).not.toContain(s);
    }
    expect(readFileSync(join(cwd, 'proofgate-release', 'logs', 'verify-proofs.log'), 'utf8')).toMatch(
      form === 'userinfo' ? /gate:\*\*\*@127\.0\.0\.1/ : /password=\*\*\*/,
    );
  });
});
