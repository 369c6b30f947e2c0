import { resolve } from 'node:path';
import type { CliContext } from '../cli/context.js';
import { ConfigError } from '../errors/index.js';
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
  const { config, dir, file } = await ctx.config(explicit);
  const section = (config.freeze ?? {}) as Record<string, unknown>;
  const path = (key: 'spec' | 'dir', fallback: string): string => {
    const v = section[key];
    if (v === undefined) return resolve(ctx.cwd, fallback);
    if (typeof v !== 'string' || v === '') throw new ConfigError(`${file}: freeze.${key} must be a path`);
    return resolve(dir, v);
  };
  const pin = section.sha256;
  if (pin !== undefined && (typeof pin !== 'string' || !/^[0-9a-f]{64}$/.test(pin))) {
    throw new ConfigError(`${file}: freeze.sha256 must be 64 lowercase hex digits`);
  }
  const oc = config.openapi ?? {};
  return {
    spec: path('spec', DEFAULT_FREEZE_SPEC),
    dir: path('dir', DEFAULT_FREEZE_DIR),
    sha256: pin,
    limits: {
      ...(typeof oc.maxBytes === 'number' ? { maxBytes: oc.maxBytes } : {}),
      ...(typeof oc.maxAliases === 'number' ? { maxAliases: oc.maxAliases } : {}),
    },
  };
}
