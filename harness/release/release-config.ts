import { readSection } from '../config/validate-config.js';
import type { ProofgateConfig, SectionConfig } from '../config/types.js';
import type { Environment } from './matrix.js';

/** The `release` section of proofgate.config (schema: harness/config/schema/release.ts). */
export type ReleaseConfig = SectionConfig<'release'>;

export function releaseSection(config: ProofgateConfig): ReleaseConfig {
  return readSection<ReleaseConfig>(config, 'release');
}

/** The guard options the release section gives (the variable names a team's service uses). */
export function releaseGuardOptions(section: ReleaseConfig): {
  requiredSecrets?: Partial<Record<Environment, readonly string[]>>;
  secrets?: Partial<Record<Environment, readonly string[]>>;
  signingKeyVars?: readonly string[];
} {
  return {
    ...(section.requiredSecrets === undefined ? {} : { requiredSecrets: section.requiredSecrets }),
    ...(section.secrets === undefined ? {} : { secrets: section.secrets }),
    ...(section.signingKeyVars === undefined ? {} : { signingKeyVars: section.signingKeyVars }),
  };
}
