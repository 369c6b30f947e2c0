import { cp, mkdir, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { packagePath } from '../paths.js';
import { captureContext } from '../testing/capture-context.js';
import { buildFreeze } from './build-freeze.js';
import { FREEZE_FILES } from './files.js';
import { parseHashLine } from './hash-line.js';
import { verifyFreeze } from './verify-freeze.js';

const FROZEN = packagePath('contracts', 'v1');
const CURRENT_SPEC = packagePath('fixtures', 'service', 'openapi.yaml');

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'proofgate-freeze-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

let n = 0;
/** A fresh copy of contracts/v1 to tamper with. */
async function copyOfV1(): Promise<string> {
  const dir = join(root, `v1-${n++}`);
  await cp(FROZEN, dir, { recursive: true });
  return dir;
}
async function edit(dir: string, file: string, f: (s: string) => string): Promise<void> {
  const p = join(dir, file);
  await writeFile(p, f(await readFile(p, 'utf8')));
}

describe('the committed freeze', () => {
  it('contracts/v1 is intact', async () => {
    const report = await verifyFreeze(FROZEN);
    expect(report.findings).toEqual([]);
    expect(report.pass).toBe(true);
    expect(report.checks?.map((c) => c.id)).toEqual([
      'freeze-spec-drift',
      'freeze-snapshot-drift',
      'freeze-hash-mismatch',
      'freeze-types-drift',
    ]);
  });

  it('the service spec starts identical to v1 (same canonical snapshot)', async () => {
    const current = await buildFreeze(CURRENT_SPEC);
    expect(current.snapshot).toBe(await readFile(join(FROZEN, FREEZE_FILES.snapshot), 'utf8'));
  });

  it('freezing is deterministic and matches the committed bytes', async () => {
    const a = await buildFreeze(join(FROZEN, FREEZE_FILES.spec));
    const b = await buildFreeze(join(FROZEN, FREEZE_FILES.spec));
    expect(a).toEqual(b);
    for (const kind of ['spec', 'snapshot', 'hash', 'types'] as const) {
      expect(a[kind]).toBe(await readFile(join(FROZEN, FREEZE_FILES[kind]), 'utf8'));
    }
    expect(parseHashLine(a.hash)).toBe(a.snapshotSha256);
  });
});

type Tamper = (dir: string) => Promise<void>;
const newSummary = (s: string) => s.replace('summary: Get one proof', 'summary: Get a single proof');

describe('verify-freeze names what drifted', () => {
  it.each<[string, { given: Tamper; want: string[] }]>([
    [
      'spec edited (a breaking change)',
      {
        given: (d) => edit(d, FREEZE_FILES.spec, (s) => s.replace('enum: [OKP, EC]', 'enum: [OKP]')),
        want: ['freeze-spec-drift', 'freeze-types-drift'],
      },
    ],
    [
      'spec edited (docs only)',
      {
        given: (d) => edit(d, FREEZE_FILES.spec, newSummary),
        want: ['freeze-spec-drift', 'freeze-types-drift'],
      },
    ],
    [
      'snapshot edited',
      {
        given: (d) => edit(d, FREEZE_FILES.snapshot, (s) => s.replace('"maximum": 100', '"maximum": 1000')),
        want: ['freeze-snapshot-drift'],
      },
    ],
    [
      'hash edited',
      {
        given: (d) => edit(d, FREEZE_FILES.hash, (s) => `${'0'.repeat(64)}${s.slice(64)}`),
        want: ['freeze-hash-mismatch'],
      },
    ],
    [
      'hash malformed',
      { given: (d) => edit(d, FREEZE_FILES.hash, (s) => s.toUpperCase()), want: ['freeze-hash-mismatch'] },
    ],
    [
      'types edited',
      {
        given: (d) => edit(d, FREEZE_FILES.types, (s) => s.replace('seq: number;', 'seq: string;')),
        want: ['freeze-types-drift'],
      },
    ],
    [
      'snapshot and hash both edited',
      {
        given: async (d) => {
          await edit(d, FREEZE_FILES.snapshot, (s) => s.replace('"maximum": 100', '"maximum": 1000'));
          await edit(d, FREEZE_FILES.hash, (s) => `${'1'.repeat(64)}${s.slice(64)}`);
        },
        want: ['freeze-hash-mismatch', 'freeze-snapshot-drift'],
      },
    ],
    [
      'spec reformatted only (key order, quoting): not a drift of the snapshot',
      {
        given: (d) =>
          edit(d, FREEZE_FILES.spec, (s) =>
            s.replace('openapi: 3.1.0\n', '').replace('info:\n', 'openapi: "3.1.0"\ninfo:\n'),
          ),
        want: [],
      },
    ],
  ])('%s', async (_name, { given, want }) => {
    const dir = await copyOfV1();
    await given(dir);
    const report = await verifyFreeze(dir, { displayDir: 'contracts/v1' });
    expect(report.body.drift).toEqual(want);
    expect(report.pass).toBe(want.length === 0);
    for (const f of report.findings) {
      expect(f.level).toBe('error');
      expect(f.message).toMatch(/changing v1 means adding v2/);
      expect(f.file).toMatch(/^contracts\/v1\//);
    }
  });

  it('a re-freeze of all four files is caught by the config pin', async () => {
    const dir = await copyOfV1();
    await edit(dir, FREEZE_FILES.spec, newSummary);
    expect(
      await main(
        ['freeze', '--spec', join(dir, FREEZE_FILES.spec), '--out', dir, '--force'],
        captureContext(),
      ),
    ).toBe(0);
    const pinned = parseHashLine(await readFile(join(FROZEN, FREEZE_FILES.hash), 'utf8'));
    expect((await verifyFreeze(dir)).pass).toBe(true);
    const report = await verifyFreeze(dir, { pinnedSha256: pinned as string });
    expect(report.body.drift).toEqual(['freeze-pin-mismatch']);
  });
});

describe('CLI', () => {
  it('verify-freeze: 0 intact, 1 drifted (with the v2 advice), 2 missing file', async () => {
    const ok = captureContext(packagePath());
    expect(await main(['verify-freeze'], ok)).toBe(0);

    const dir = await copyOfV1();
    await edit(dir, FREEZE_FILES.types, (s) => `${s}// edited\n`);
    const bad = captureContext();
    expect(await main(['verify-freeze', '--dir', dir, '--format', 'json', '--deterministic'], bad)).toBe(1);
    const json = JSON.parse(bad.stdoutText()) as {
      drift: string[];
      findings: { id: string; message: string }[];
    };
    expect(json.drift).toEqual(['freeze-types-drift']);
    expect(json.findings[0]?.message).toMatch(/changing v1 means adding v2/);

    const gone = await copyOfV1();
    await unlink(join(gone, FREEZE_FILES.hash));
    const missing = captureContext();
    expect(await main(['verify-freeze', '--dir', gone], missing)).toBe(2);
    expect(missing.stderrText()).toMatch(/ERR_INPUT.*openapi\.snapshot\.sha256: missing from the freeze/);
  });

  it('verify-freeze: an unparsable frozen spec is exit 2', async () => {
    const dir = await copyOfV1();
    await writeFile(join(dir, FREEZE_FILES.spec), 'openapi: [3.1\n');
    const ctx = captureContext();
    expect(await main(['verify-freeze', '--dir', dir], ctx)).toBe(2);
    expect(ctx.stderrText()).toMatch(/ERR_SPEC_PARSE/);
  });

  it('freeze: writes the four files, is idempotent, and refuses to re-freeze another meaning', async () => {
    const out = join(root, 'fresh');
    const first = captureContext();
    expect(await main(['freeze', '--spec', CURRENT_SPEC, '--out', out, '--format', 'json'], first)).toBe(0);
    expect((JSON.parse(first.stdoutText()) as { written: string[] }).written).toEqual([
      'openapi.yaml',
      'openapi.snapshot.json',
      'openapi.snapshot.sha256',
      'types.ts',
    ]);
    const again = captureContext();
    expect(await main(['freeze', '--spec', CURRENT_SPEC, '--out', out, '--format', 'json'], again)).toBe(0);
    expect((JSON.parse(again.stdoutText()) as { written: string[] }).written).toEqual([]);
    expect((await verifyFreeze(out)).pass).toBe(true);

    const changed = join(root, 'changed.yaml');
    await writeFile(changed, newSummary(await readFile(CURRENT_SPEC, 'utf8')));
    const refused = captureContext();
    expect(await main(['freeze', '--spec', changed, '--out', out], refused)).toBe(2);
    expect(refused.stderrText()).toMatch(/ERR_USAGE.*already holds a frozen contract/);
    expect(refused.stderrText()).toMatch(/changing v1 means adding v2/);
  });

  it.each<[string, (base: string) => Promise<string>]>([
    ['--out is a file', async (base) => (await writeFile(join(base, 'f'), 'x\n'), join(base, 'f'))],
    [
      '--out is under a file',
      async (base) => (await writeFile(join(base, 'f'), 'x\n'), join(base, 'f', 'v1')),
    ],
    [
      'the frozen snapshot is there but unreadable (a folder)',
      async (base) => {
        const dir = await copyOfV1();
        await unlink(join(dir, FREEZE_FILES.snapshot));
        await mkdir(join(dir, FREEZE_FILES.snapshot));
        await edit(dir, FREEZE_FILES.spec, (t) => `# mine\n${t}`);
        return dir;
      },
    ],
  ])('freeze: %s is exit 2 naming it, nothing written, never an internal error', async (_n, given) => {
    const base = await mkdtemp(join(root, 'in-the-way-'));
    const out = await given(base);
    const spec = join(out, FREEZE_FILES.spec);
    const before = await readFile(spec, 'utf8').catch(() => undefined);
    const ctx = captureContext();
    expect(await main(['freeze', '--spec', CURRENT_SPEC, '--out', out], ctx)).toBe(2);
    expect(ctx.stderrText()).toMatch(
      /ERR_OUTPUT: cannot write the freeze folder .*nothing was written there/,
    );
    expect(ctx.stderrText()).not.toMatch(/internal error/);
    expect(await readFile(spec, 'utf8').catch(() => undefined)).toBe(before);
  });

  it('freeze: a missing spec is exit 2', async () => {
    const ctx = captureContext();
    expect(await main(['freeze', '--spec', join(root, 'nope.yaml'), '--out', join(root, 'x')], ctx)).toBe(2);
    expect(ctx.stderrText()).toMatch(/ERR_INPUT/);
  });
});
