import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runUserCode } from '../cli/user-code.js';
import { ConfigError } from '../errors/index.js';
import { parseJsonConfig } from './parse-json-config.js';
import type { ProofgateConfig } from './types.js';
import { validateConfig } from './validate-config.js';

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
  if (file.endsWith('.json')) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      throw new ConfigError(`cannot read config ${file}: ${(e as Error).message}`, { cause: e });
    }
    config = parseJsonConfig(text, file);
  } else {
    if (file.endsWith('.ts') && !(process.features as { typescript?: unknown }).typescript) {
      throw new ConfigError(`${file}: this Node.js (${process.version}) cannot load a TypeScript config`, {
        hint: 'rename it to proofgate.config.mjs (keep `defineConfig` for types), or use Node.js >= 22.18',
      });
    }
    // A config module is user code: it may not exit the process, and it must finish loading.
    const mod = await runUserCode(() => import(pathToFileURL(file).href) as Promise<{ default?: unknown }>, {
      what: `config module ${file}`,
      kind: 'load',
      error: (message, cause) => new ConfigError(message, cause === undefined ? undefined : { cause }),
    });
    config = mod.default;
  }
  return { config: validateConfig(config, file), file, dir: dirname(file) };
}
