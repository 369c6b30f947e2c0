import { describe, expect, it } from 'vitest';
import { loadConfig, type ProofgateConfig } from '../config/index.js';
import { packagePath } from '../paths.js';
import { releaseSection } from '../release/release-config.js';
import { releaseClassSection } from '../release-class/release-class-config.js';
import { runnerSection } from '../runner/runner-config.js';
import { listFiles } from '../selection/list-files.js';
import { selectionSection } from '../selection/selection-config.js';
import { gateSection } from './gate-config.js';

describe('proofgate.config.mjs', () => {
  it('loads and every section validates', async () => {
    const { config } = await loadConfig(packagePath(), 'proofgate.config.mjs');
    // Honest for this repository: no suite that names missing files (each would warn on every PR).
    expect(selectionSection(config).suites ?? []).toEqual([]);
    for (const glob of runnerSection(config).always ?? [])
      expect(listFiles(packagePath(), [glob]), glob).not.toEqual([]);
    expect(runnerSection(config).runs).toBe(2);
    expect(releaseSection(config).envFile).toBe('fixtures/env/prod-good.env');
    expect(releaseClassSection(config).changelog).toBe('CHANGELOG.md');
    expect(gateSection(config).changelog).toBe('OPERATIONS_CHANGELOG.md');
  });

  it.each([
    ['gate', { gate: { changelog: 3 } }, 'gate.changelog'],
    ['gate stage args', { gate: { stages: { rehearse: { args: 'x' } } } }, 'gate.stages.rehearse.args'],
    ['runner runs', { runner: { runs: 1 } }, 'runner.runs'],
    ['runner seeds', { runner: { seeds: [1, 1] } }, 'runner.seeds'],
    [
      'release secrets',
      { release: { requiredSecrets: { production: ['X'] } } },
      'release.requiredSecrets.production',
    ],
    ['release class regex', { releaseClass: { fixPattern: '(' } }, 'releaseClass.fixPattern'],
  ])('invalid %s is ERR_CONFIG', (_n, bad, msg) => {
    const config = bad as unknown as ProofgateConfig;
    const all = () => {
      gateSection(config);
      runnerSection(config);
      releaseSection(config);
      releaseClassSection(config);
    };
    expect(all).toThrow(
      expect.objectContaining({ code: 'ERR_CONFIG', message: expect.stringContaining(msg) }),
    );
  });
});
