import { ConfigError } from '../errors/index.js';
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

type Frame =
  | { kind: 'object'; keys: Set<string>; path: string[]; key?: string }
  | { kind: 'array'; path: string[]; index: number };

/** First key that repeats within one object, or undefined. `text` must be valid JSON. */
export function findDuplicateKey(text: string): { path: string[]; line: number } | undefined {
  const stack: Frame[] = [];
  let expectKey = false;
  const childPath = (): string[] => {
    const top = stack.at(-1);
    if (top === undefined) return [];
    return top.kind === 'object' ? [...top.path, top.key ?? ''] : [...top.path, String(top.index)];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack.at(-1);
      if (expectKey && top?.kind === 'object') {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.keys.has(key)) return { path: [...top.path, key], line: text.slice(0, i).split('\n').length };
        top.keys.add(key);
        top.key = key;
        expectKey = false;
      }
      i = j;
    } else if (c === '{') {
      stack.push({ kind: 'object', keys: new Set(), path: childPath() });
      expectKey = true;
    } else if (c === '[') {
      stack.push({ kind: 'array', path: childPath(), index: 0 });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') {
      const top = stack.at(-1);
      if (top?.kind === 'object') expectKey = true;
      else if (top?.kind === 'array') top.index++;
    }
  }
  return undefined;
}
