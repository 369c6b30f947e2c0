import { describe, expect, it } from 'vitest';
import { packagePath } from '../paths.js';
import { loadedModules } from '../testing/loaded-modules.js';

// Every module a command loads is start-up time on the critical path of a run (the main thread's
// imports, then each worker's). Verifying signs nothing and reads its config precompiled.
describe('what verifying loads', () => {
  it.each([
    ['the verify-proofs command (main thread)', ['cli/main.js', 'commands/verify-proofs.js']],
    ['a verification worker', ['verify/verify-batch.js', 'verify/warm-up.js']],
  ])('%s: no signing library, no schema compiler, no report renderers', (_name, modules) => {
    const loaded = loadedModules(modules.map((m) => packagePath('dist', 'harness', m)));
    expect(loaded.length).toBeGreaterThan(10);
    expect(loaded.filter((f) => f.includes('/@noble/'))).toEqual([]);
    expect(
      loaded.filter((f) => f.includes('/@sinclair/') || /\/ajv\/dist\/(core|ajv|compile)/.test(f)),
    ).toEqual([]);
    expect(loaded.filter((f) => /\/report\/render-/.test(f) && modules[0] !== 'cli/main.js')).toEqual([]);
  });
});
