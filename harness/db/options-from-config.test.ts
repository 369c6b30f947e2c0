import { describe, expect, it } from 'vitest';
import type { ProofgateConfig } from '../config/types.js';
import { provideOptionsFromConfig } from './options-from-config.js';

describe('provideOptionsFromConfig', () => {
  it.each([
    ['defaults', { config: {}, flag: undefined, want: { provider: 'auto', targetMajor: 15 } }],
    [
      'config url and major',
      {
        config: { database: { url: 'postgres://c/db', targetMajor: 16 } },
        flag: undefined,
        want: { provider: 'auto', targetMajor: 16, databaseUrl: 'postgres://c/db' },
      },
    ],
    [
      'the flag beats the config',
      {
        config: { database: { url: 'postgres://c/db' } },
        flag: 'postgres://f/db',
        want: { provider: 'auto', targetMajor: 15, databaseUrl: 'postgres://f/db' },
      },
    ],
    [
      'forced provider',
      {
        config: { database: { provider: 'embedded' } },
        flag: undefined,
        want: { provider: 'embedded', targetMajor: 15 },
      },
    ],
  ] as const)('%s', (_n, { config, flag, want }) => {
    expect(provideOptionsFromConfig(config as ProofgateConfig, { databaseUrl: flag })).toEqual(want);
  });

  it.each([
    ['unknown provider', { database: { provider: 'docker' } }],
    ['major not a number', { database: { targetMajor: '15' } }],
    ['major too old', { database: { targetMajor: 9 } }],
  ])('%s → ERR_CONFIG', (_n, config) => {
    expect(() => provideOptionsFromConfig(config as unknown as ProofgateConfig)).toThrow(
      expect.objectContaining({ code: 'ERR_CONFIG' }),
    );
  });
});
