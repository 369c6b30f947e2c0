import { describe, expect, it } from 'vitest';
import { packagePath } from '../paths.js';
import { canonicalDigest } from '../report/index.js';
import { DEFAULT_PROFILE_DIGEST } from '../proofs/index.js';
import { bundleSource } from './bundle-source.js';
import { verifyLog } from './verify-log.js';

// Reports of fixtures/history/small made before record profiles existed (same bytes at 1 and 2 workers).
const BEFORE_PROFILES = {
  reportDigest: '85cb17369f027cc0a62b9670088787fd0665c7a16420bbe04f944f9d48d385c7',
  verificationDigest: '74150d52997ed56182b194eafa534200766a73d26a7033125ea602502919bd9a',
};

describe('proofgate’s own profile is the default', () => {
  it.each([0, 2])(
    'gives the report of before profiles plus its profile digest (%i workers)',
    async (workers) => {
      const { report } = await verifyLog(await bundleSource(packagePath('fixtures/history/small')), {
        workers,
      });
      const { profile, ...rest } = report!.body as Record<string, unknown>;
      expect(profile).toEqual({ digest: DEFAULT_PROFILE_DIGEST, disabled: [] });
      expect(rest.verificationDigest).toBe(BEFORE_PROFILES.verificationDigest);
      expect(canonicalDigest(rest)).toBe(BEFORE_PROFILES.reportDigest);
      expect(report!.findings).toEqual([]);
    },
  );
});
