import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { packagePath } from '../paths.js';
import { captureContext } from '../testing/capture-context.js';
import { runCli } from '../testing/run-cli.js';
import { loadConfig } from './load-config.js';
import { defineConfig, type ProofgateConfig } from './types.js';
import { validateConfig } from './validate-config.js';

const bad = (name: string) => packagePath('fixtures', 'config', 'bad', name);

describe('config: one strict schema, unknown keys are errors', () => {
  it.each([
    // False PASS #5: `sha265` used to be ignored, so verify-freeze passed without the pin.
    [
      'a misspelled freeze pin',
      'verify-freeze',
      'freeze-sha265.json',
      `freeze.sha265: unknown key (did you mean "sha256"?)`,
    ],
    // …and a misspelled stage id silently verified the bundled fixture instead.
    [
      'a misspelled gate stage id',
      'prod-gate',
      'gate-stage-typo.json',
      `gate.stages['verify-proof']: unknown key (did you mean "verify-proofs"?)`,
    ],
    [
      'a misspelled section',
      'verify-proofs',
      'section-typo.json',
      `proofz: unknown section (did you mean "proofs"?)`,
    ],
    ['a JSON key given twice', 'verify-freeze', 'duplicate-section.json', 'freeze: duplicate key (line 4)'],
    [
      'a JSON key given twice, once escaped',
      'prod-gate',
      'duplicate-escaped-key.json',
      'gate.stages.rehearse.skip: duplicate key',
    ],
    ['a value out of range', 'prod-gate', 'invalid-value.mjs', 'runner.runs: must be a whole number >= 2'],
    ['a config module that throws', 'verify-freeze', 'throws.mjs', 'config module exploded'],
    [
      'a config module that calls process.exit(0)',
      'verify-freeze',
      'exits.mjs',
      'called process.exit(0); only proofgate decides the exit code',
    ],
  ])('%s: exit 2 naming it', async (_name, command, file, message) => {
    const ctx = captureContext(packagePath());
    expect(await main([command, '--config', bad(file)], ctx)).toBe(2);
    expect(ctx.stderrText()).toContain('ERR_CONFIG');
    expect(ctx.stderrText()).toContain(message);
  });

  it('lists every problem at once, each with its JSON path', async () => {
    const err = await loadConfig(packagePath(), 'fixtures/config/bad/invalid-value.mjs').catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'ERR_CONFIG' });
    await expect(
      import('./validate-config.js').then(({ validateConfig }) =>
        validateConfig({
          rehearsal: { history: 'h', generate: 3 },
          gate: { changelog: 3, stages: { rehearse: { args: 'x' } } },
          database: { provider: 'docker' },
          selection: { suites: [{ name: 'x', files: ['a'], match: '(' }] },
        }),
      ),
    ).rejects.toThrow(
      [
        'config:',
        '  - database.provider: must be "auto" or "url" or "testcontainers" or "embedded"',
        '  - rehearsal: give history or generate, not both',
        '  - selection.suites[0].match: is not a valid regular expression: Invalid regular expression: /(/: Unterminated group',
        '  - gate.changelog: must be a non-empty string or false',
        '  - gate.stages.rehearse.args: must be a list of strings',
      ].join('\n'),
    );
  });

  it('the TypeScript types come from the same schema: a typo is a type error too', () => {
    // @ts-expect-error — `sha265` is not a key of freeze
    expect(() => validateConfig(defineConfig({ freeze: { sha265: 'x' } }))).toThrow('did you mean "sha256"');
    // @ts-expect-error — `verify-proof` is not a gate stage id
    expect(() => validateConfig(defineConfig({ gate: { stages: { 'verify-proof': {} } } }))).toThrow(
      `gate.stages['verify-proof']`,
    );
    const ok: ProofgateConfig = { gate: { stages: { 'verify-proofs': { args: ['--workers', '1'] } } } };
    expect(validateConfig(ok)).toBe(ok);
  });

  it('the bundled proofgate.config.mjs validates', async () => {
    const { config } = await loadConfig(packagePath(), 'proofgate.config.mjs');
    expect(Object.keys(config)).toContain('gate');
  });
});

describe('config module: user code cannot decide the run', () => {
  // Node exits 13 without a word when a top-level await never settles; the loop running dry
  // ('beforeExit') proves nothing can settle it any more.
  it('a top-level await that never settles: exit 2 with a message, not a silent 13', async () => {
    const run = runCli(['verify-freeze', '--config', bad('never-settles.mjs')]);
    const { code, stderr } = await run.done;
    expect(stderr).toContain(
      `config module ${bad('never-settles.mjs')} never finished loading: its top-level await can never settle`,
    );
    expect(code).toBe(2);
  });

  it('process.exit(0) while loading: exit 2 naming it (was exit 0)', async () => {
    const { code, stderr } = await runCli(['verify-freeze', '--config', bad('exits.mjs')]).done;
    expect(stderr).toContain(`config module ${bad('exits.mjs')} called process.exit(0)`);
    expect(code).toBe(2);
  });
});
