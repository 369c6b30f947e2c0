import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../errors/index.js';
import type { ProofgateConfig } from './types.js';

export const CONFIG_FILES = [
  'proofgate.config.ts',
  'proofgate.config.mjs',
  'proofgate.config.js',
  'proofgate.config.json',
];

export interface LoadedConfig {
  config: ProofgateConfig;
  /** The config file, or undefined when none was found (defaults apply). */
  file: string | undefined;
  /** Folder that relative paths in the config resolve against. */
  dir: string;
}

/** Loads `explicit` (from --config) or the first proofgate.config.* in `cwd`. */
export async function loadConfig(cwd: string, explicit?: string): Promise<LoadedConfig> {
  const file =
    explicit !== undefined
      ? resolve(cwd, explicit)
      : CONFIG_FILES.map((f) => resolve(cwd, f)).find(existsSync);
  if (file === undefined) return { config: {}, file: undefined, dir: cwd };
  if (!existsSync(file)) throw new ConfigError(`config file not found: ${file}`);
  let config: unknown;
  try {
    if (file.endsWith('.json')) config = JSON.parse(await readFile(file, 'utf8'));
    else {
      if (file.endsWith('.ts') && !(process.features as { typescript?: unknown }).typescript) {
        throw new ConfigError(`${file}: this Node.js (${process.version}) cannot load a TypeScript config`, {
          hint: 'rename it to proofgate.config.mjs (keep `defineConfig` for types), or use Node.js >= 22.18',
        });
      }
      const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
      config = mod.default;
    }
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(`cannot load config ${file}: ${(e as Error).message}`, { cause: e });
  }
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new ConfigError(`${file}: the config must be an object (export default defineConfig({...}))`);
  }
  return { config: config as ProofgateConfig, file, dir: dirname(file) };
}
