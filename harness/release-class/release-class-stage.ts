import { UsageError } from '../errors/index.js';
import type { Stage } from '../gate/types.js';
import { selectionSection } from '../selection/selection-config.js';
import { apiVerdictFromConfig } from './api-verdict.js';
import { classifyRelease } from './classify-release.js';
import { releaseClassSection } from './release-class-config.js';
import { releaseClassReport } from './release-class-report.js';

/** prod-gate stage: class the release from..to and check its gates (needs --from). */
export const releaseClassStage: Stage = {
  id: 'release-class',
  title: 'Release class (patch/minor/major) and its gates',
  async run(ctx) {
    if (ctx.from === undefined)
      throw new UsageError('release-class needs a base ref: pass --from REF (or set gate.from)');
    const api = await apiVerdictFromConfig(ctx.config, ctx.date);
    if ('unknown' in api) ctx.log(`API verdict unknown: ${api.unknown}`);
    const result = await classifyRelease({
      repo: ctx.cwd,
      from: ctx.from,
      to: ctx.to,
      apiVerdict: 'verdict' in api ? api.verdict : undefined,
      selection: selectionSection(ctx.config.config),
      config: releaseClassSection(ctx.config.config),
    });
    ctx.log(`class ${result.class}: ${result.reasons.join('; ')}`);
    return releaseClassReport(result, 'unknown' in api ? api.unknown : undefined);
  },
};
