import { resolve } from 'node:path';
import { UsageError } from '../errors/index.js';
import type { Stage } from '../gate/types.js';
import { readEnvFile } from './parse-env-file.js';
import { releaseCheckReport } from './release-check-report.js';
import { releaseGuardOptions, releaseSection } from './release-config.js';

/** prod-gate stage: `release-check` on the configured env file (release.envFile). */
export const releaseCheckStage: Stage = {
  id: 'release-check',
  title: 'Release artifact and startup guards (env matrix)',
  async run(ctx) {
    const section = releaseSection(ctx.config.config);
    if (section.envFile === undefined) {
      throw new UsageError('release-check needs an env file: set release.envFile in proofgate.config', {
        hint: "e.g. release: { envFile: 'deploy/prod.env' } (see docs/release.md)",
      });
    }
    const file = resolve(ctx.config.dir, section.envFile);
    ctx.log(`env file: ${section.envFile}`);
    const env = await readEnvFile(file);
    return releaseCheckReport(env, {
      contractsDir: resolve(ctx.config.dir, section.contractsDir ?? 'contracts'),
      envFile: section.envFile,
      logger: { warn: (l) => ctx.log(l) },
      ...releaseGuardOptions(section),
    });
  },
};
