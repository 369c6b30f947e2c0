import { ConfigError } from '../errors/index.js';
import { findDuplicateKey as findDuplicateMember } from '../openapi/duplicate-keys.js';
import { configPath } from './validate-config.js';

/**
 * JSON.parse keeps the last of two equal keys; in a config that hides a setting (the reviewer reads
 * the first one). Parses `text` and refuses any object that names a key twice (after unescaping:
 * "a" and "\u0061" are the same key), naming its JSON path and line.
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
      `config ${file}: ${configPath('', dup.path)}: duplicate key (line ${dup.line}); JSON keeps only the last one`,
      { hint: 'remove one of the two entries' },
    );
  }
  return value;
}

/**
 * First key that repeats within one object, as a config path and line; `text` must be valid JSON.
 * The scan is the spec loader's (harness/openapi/duplicate-keys.ts): one linear pass.
 */
export function findDuplicateKey(text: string): { path: string[]; line: number } | undefined {
  const dup = findDuplicateMember(text);
  if (dup === undefined) return undefined;
  const holder = dup.pointer === '' ? [] : dup.pointer.slice(1).split('/').map(unescapeToken);
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < dup.offset; i = text.indexOf('\n', i + 1)) line++;
  return { path: [...holder, dup.key], line };
}

const unescapeToken = (t: string) => t.replace(/~1/g, '/').replace(/~0/g, '~');
