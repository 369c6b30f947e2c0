import { resolve } from 'node:path';
import type { CliContext } from '../cli/context.js';
import { DEFAULT_FREEZE_DIR, DEFAULT_FREEZE_SPEC } from '../freeze/index.js';

/** The `freeze` config section (paths relative to the config file) with the defaults applied. */
export async function freezeConfig(
  ctx: CliContext,
  explicit: string | undefined,
): Promise<{
  spec: string;
  dir: string;
  sha256: string | undefined;
  limits: { maxBytes?: number; maxAliases?: number };
}> {
  // Validated by the config schema (harness/config/schema/freeze.ts): an unknown key such as
  // `sha265` is an error there, so a typo can never switch the pin off.
  const { config, dir } = await ctx.config(explicit);
  const section = config.freeze ?? {};
  const path = (key: 'spec' | 'dir', fallback: string): string => {
    const v = section[key];
    return v === undefined ? resolve(ctx.cwd, fallback) : resolve(dir, v);
  };
  const pin = section.sha256;
  const oc = config.openapi ?? {};
  return {
    spec: path('spec', DEFAULT_FREEZE_SPEC),
    dir: path('dir', DEFAULT_FREEZE_DIR),
    sha256: pin,
    limits: {
      ...(oc.maxBytes === undefined ? {} : { maxBytes: oc.maxBytes }),
      ...(oc.maxAliases === undefined ? {} : { maxAliases: oc.maxAliases }),
    },
  };
}
