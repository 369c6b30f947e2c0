import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { packagePath } from '../paths.js';
import { loadedModules } from '../testing/loaded-modules.js';
import * as compiled from './generated/sections.validate.js';
import { CONFIG_SECTIONS } from './schema/index.js';
import { configValidatorsSource } from './validators-source.js';

describe('the precompiled config validators', () => {
  it('generated/sections.validate.ts is what the schemas and the installed ajv generate', async () => {
    const committed = await readFile(
      packagePath('harness', 'config', 'generated', 'sections.validate.ts'),
      'utf8',
    );
    // On a mismatch: npm run build && node scripts/generate-config-validators.mjs
    expect(committed === configValidatorsSource()).toBe(true);
  });

  it('has one validator per section, in the schema order, and the refine steps the schemas name', async () => {
    expect(compiled.SECTION_KEYS).toEqual(CONFIG_SECTIONS.map((s) => s.key));
    expect(Object.keys(compiled.VALIDATORS)).toEqual([...compiled.SECTION_KEYS, 'x-proofgate-conventions']);
    for (const v of Object.values(compiled.VALIDATORS)) expect(typeof v).toBe('function');
    const { REFINE } = await import('./refine.js');
    for (const s of CONFIG_SECTIONS) expect(REFINE[s.key], s.key).toBe(s.refine);
  });

  it('a command validating a config loads neither TypeBox nor ajv', () => {
    const loaded = loadedModules(
      [
        packagePath('dist', 'harness', 'cli', 'main.js'),
        packagePath('dist', 'harness', 'config', 'validate-config.js'),
      ],
      "m1.validateConfig({ ledger: { profile: { payload: 'as-signed' } }, proofs: { workers: 2 } });",
    );
    expect(loaded.some((f) => f.endsWith('/config/generated/sections.validate.js'))).toBe(true);
    expect(loaded.some((f) => f.includes('/ajv-formats/'))).toBe(true); // the regex format's runtime
    expect(loaded.filter((f) => /\/ajv\/dist\/(core|ajv|compile)/.test(f))).toEqual([]);
    expect(loaded.filter((f) => f.includes('/@sinclair/'))).toEqual([]);
  });
});
