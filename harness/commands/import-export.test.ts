import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { writeBundle } from '../bundle/write-bundle.js';
import { BUNDLE_FILES } from '../bundle/types.js';
import { withPostgres } from '../db/testing.js';
import { captureContext } from '../testing/capture-context.js';

const db = withPostgres();
let root: string;
let src: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'proofgate-cli-ie-'));
  src = join(root, 'src');
  await writeBundle(src, {
    origin: 'cli.example/log',
    noteKeys: ['cli.example/log+00000000+AQ=='],
    keys: [
      {
        kty: 'OKP',
        crv: 'Ed25519',
        x: 'AA',
        kid: 'k1',
        alg: 'EdDSA',
        use: 'sig',
        valid_from: '2026-01-01T00:00:00Z',
        valid_until: null,
        revoked_at: null,
      },
    ],
    records: Array.from({ length: 50 }, (_, seq) => ({ seq, jws: `h.p${seq}.s` })),
    anchors: [{ treeSize: 50, checkpoint: 'cli.example/log\n50\nAA==\n\n— cli.example/log AA==\n' }],
  });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const ctx = captureContext(root, env);
  const code = await main(args, ctx);
  return { code, out: ctx.stdoutText(), err: ctx.stderrText() };
}

describe('proofgate import / export', () => {
  it('import then export gives the same bundle bytes; JSON report counts', async () => {
    const imp = await run(['import', '--bundle', 'src', '--database-url', db.url, '--format', 'json']);
    expect(imp.err).toBe('');
    expect(imp.code).toBe(0);
    const report = JSON.parse(imp.out) as Record<string, unknown>;
    expect(report).toMatchObject({ origin: 'cli.example/log', records: 50, anchors: 1, keys: 1 });
    expect(imp.out).not.toContain(new URL(db.url).password || '\u0000');

    // the URL may also come from the environment
    const exp = await run(['export', '--out', 'out'], { PROOFGATE_DATABASE_URL: db.url });
    expect(exp.code).toBe(0);
    expect(exp.out).toMatch(/Exported 50 records, 1 anchors and 1 keys of cli.example\/log/);
    for (const f of Object.values(BUNDLE_FILES)) {
      expect(await readFile(join(root, 'out', f), 'utf8')).toBe(await readFile(join(src, f), 'utf8'));
    }
  });

  it.each([
    [
      'import without --bundle',
      {
        args: ['import', '--database-url', 'postgres://x@127.0.0.1:1/x'],
        want: /ERR_USAGE: missing required --bundle/,
      },
    ],
    [
      'import without a URL',
      { args: ['import', '--bundle', 'src'], want: /ERR_USAGE: missing required --database-url/ },
    ],
    [
      'export without --out',
      {
        args: ['export', '--database-url', 'postgres://x@127.0.0.1:1/x'],
        want: /ERR_USAGE: missing required --out/,
      },
    ],
    ['unknown flag', { args: ['export', '--bogus'], want: /ERR_USAGE/ }],
    [
      'unreachable database',
      {
        args: ['import', '--bundle', 'src', '--database-url', 'postgres://x:secret@127.0.0.1:1/x'],
        want: /ERR_DATABASE: cannot connect[\s\S]*hint:/,
      },
    ],
    [
      'missing bundle',
      {
        args: ['import', '--bundle', 'nope', '--database-url', 'postgres://x@127.0.0.1:1/x'],
        want: /ERR_BUNDLE: .*nope: bundle folder is missing[\s\S]*hint:/,
      },
    ],
    [
      'log imported twice',
      {
        args: ['import', '--bundle', 'src', '--database-url', '@db'],
        want: /ERR_DATABASE: the ledger already holds log "cli.example\/log"[\s\S]*hint:/,
      },
    ],
    [
      'export an unknown origin',
      {
        args: ['export', '--out', 'o2', '--origin', 'nope', '--database-url', '@db'],
        want: /ERR_DATABASE: the ledger holds no log "nope"/,
      },
    ],
  ])('%s → exit 2', async (_n, { args, want }) => {
    const r = await run(args.map((a) => (a === '@db' ? db.url : a)));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(want);
    expect(r.err).not.toContain('secret');
  });
});
