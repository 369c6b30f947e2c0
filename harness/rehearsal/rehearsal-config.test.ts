import { describe, expect, it } from 'vitest';
import type { ProofgateConfig } from '../config/types.js';
import { rehearsalSection } from './rehearsal-config.js';

describe('rehearsalSection', () => {
  it('reads an absent section as empty and a valid one as is', () => {
    expect(rehearsalSection({})).toEqual({});
    expect(rehearsalSection({ rehearsal: { base: 'git:v1:rel', candidate: 'rel', generate: 5 } })).toEqual({
      base: 'git:v1:rel',
      candidate: 'rel',
      generate: 5,
    });
  });

  it.each([
    ['not an object', { rehearsal: [] }, 'rehearsal: must be an object'],
    ['unknown setting', { rehearsal: { bsae: 'x' } }, 'rehearsal.bsae: unknown key (did you mean "base"?)'],
    ['empty base', { rehearsal: { base: '' } }, 'rehearsal.base: must not be empty'],
    ['generate 0', { rehearsal: { generate: 0 } }, 'rehearsal.generate: must be a whole number >= 1'],
    ['history and generate', { rehearsal: { history: 'h', generate: 3 } }, 'not both'],
    [
      'restore and load',
      { rehearsal: { restore: { dump: 'd' }, load: ['x'] } },
      'rehearsal.restore: give restore or load, not both',
    ],
    [
      'restore format',
      { rehearsal: { restore: { dump: 'd', format: 'tar' } } },
      'rehearsal.restore.format: must be "custom" or "plain"',
    ],
  ])('%s → ERR_CONFIG', (_name, config, message) => {
    expect(() => rehearsalSection(config as unknown as ProofgateConfig)).toThrow(
      expect.objectContaining({ code: 'ERR_CONFIG', message: expect.stringContaining(message) }),
    );
  });
});
