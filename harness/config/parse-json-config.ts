import { ConfigError } from '../errors/index.js';
import { findDuplicateKey } from '../openapi/duplicate-keys.js';
import { parsePointer } from '../openapi/json-pointer.js';
import { configPath } from './validate-config.js';

/**
 * JSON.parse keeps the last of two equal keys; in a config that hides a setting (the reviewer reads
 * the first one). Parses `text` and refuses any object that names a key twice (after unescaping:
 * "a" and "\u0061" are the same key), naming its config path and line. The scan is the spec
 * loader's (harness/openapi/duplicate-keys.ts): one linear pass.
 */
export function parseJsonConfig(text: string, file: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`config ${file}: not valid JSON: ${(e as Error).message}`);
  }
  const dup = findDuplicateKey(text);
  if (dup !== undefined) {
    throw new ConfigError(
      `config ${file}: ${configPath('', [...parsePointer(dup.pointer), dup.key])}: duplicate key (line ${dup.line}); JSON keeps only the last one`,
      { hint: 'remove one of the two entries' },
    );
  }
  return value;
}
