import { describe, expect, it } from 'vitest';
import { packagePath } from '../paths.js';
import { loadedModules } from '../testing/loaded-modules.js';

// Every module a command loads is start-up time on the critical path of a run (the main thread's
// imports, then each worker's). Verifying signs nothing and reads its config precompiled.
const COMMAND = ['cli/main.js', 'commands/verify-proofs.js'];
const WORKER = ['verify/verify-batch.js', 'verify/warm-up.js'];
const load = (modules: string[]) => loadedModules(modules.map((m) => packagePath('dist', 'harness', m)));

describe('what verifying loads', () => {
  it.each([
    ['the verify-proofs command (main thread)', COMMAND],
    ['a verification worker', WORKER],
  ])('%s: no signing library, no schema library or compiler', (_name, modules) => {
    const loaded = load(modules);
    expect(loaded.length).toBeGreaterThan(10);
    expect(loaded.filter((f) => f.includes('/@noble/'))).toEqual([]);
    expect(
      loaded.filter((f) => f.includes('/@sinclair/') || /\/ajv\/dist\/(core|ajv|compile)/.test(f)),
    ).toEqual([]);
  });

  it('a verification worker loads no report renderer (only the main thread writes the report)', () => {
    expect(load(WORKER).filter((f) => /\/report\/render-/.test(f))).toEqual([]);
  });
});
