import type { ConventionsConfig } from '../conformance/conventions/types.js';
import { ConfigError } from '../errors/index.js';
import { sectionProblems } from './validate-config.js';

export type { ConventionsConfig };

// The contract's `x-proofgate-conventions` is checked against the same schema as the config's
// `conformance.conventions` (harness/config/schema/conformance-conventions.ts): a typo there is
// exit 2 too, never a silently ignored convention (generated/sections.validate.ts compiles both).

export function parseConventionsConfig(value: unknown, where: string): ConventionsConfig | undefined {
  if (value === undefined) return undefined;
  const problems = sectionProblems('x-proofgate-conventions', value);
  if (problems.length > 0)
    throw new ConfigError(`${where}: ${problems.join('; ')}`, {
      hint: 'see docs/conformance.md, "Conventions" (the same keys as conformance.conventions)',
    });
  return value as ConventionsConfig;
}
