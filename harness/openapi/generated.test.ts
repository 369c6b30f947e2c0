import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { packagePath } from '../paths.js';
import { validatorSource } from './openapi-schemas.js';

describe('the precompiled OpenAPI validators', () => {
  it.each([['3.0'], ['3.1']] as const)(
    'generated/oas-%s.validate.ts is what the installed schemas and ajv generate',
    { timeout: 60_000 },
    async (version) => {
      const committed = await readFile(
        packagePath('harness', 'openapi', 'generated', `oas-${version}.validate.ts`),
        'utf8',
      );
      // On a mismatch: npm run build && node scripts/generate-openapi-validators.mjs
      expect(committed === (await validatorSource(version))).toBe(true);
    },
  );
});
