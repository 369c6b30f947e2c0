import { readFile } from 'node:fs/promises';
import { InputError } from '../errors/index.js';

/**
 * Reads a dotenv-style file: `KEY=value`, optional `export `, `#` comments, single or double
 * quotes (double quotes understand \n \" \\). A malformed line or a key set twice is an input
 * error (exit 2) naming file:line: a gate must not guess which value a deploy would use.
 */
export async function readEnvFile(file: string): Promise<Record<string, string>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      'ERR_INPUT',
      code === 'ENOENT' ? 'env file not found' : `cannot read env file: ${(e as Error).message}`,
      {
        file,
        cause: e,
        hint: 'pass the dotenv file the release starts with: --env FILE (config: release.envFile)',
      },
    );
  }
  return parseEnv(text, file);
}

export function parseEnv(text: string, file = '<env>'): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) return;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(t);
    if (m === null)
      throw new InputError(
        'ERR_INPUT',
        `line ${i + 1}: expected KEY=value, got ${JSON.stringify(t.slice(0, 60))}`,
        { file },
      );
    const key = m[1]!;
    let value = m[2]!;
    if (value.startsWith('"')) {
      const end = /^"((?:[^"\\]|\\.)*)"\s*(?:#.*)?$/.exec(value);
      if (end === null)
        throw new InputError('ERR_INPUT', `line ${i + 1}: unterminated double quote`, { file });
      value = end[1]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    } else if (value.startsWith("'")) {
      const end = /^'([^']*)'\s*(?:#.*)?$/.exec(value);
      if (end === null)
        throw new InputError('ERR_INPUT', `line ${i + 1}: unterminated single quote`, { file });
      value = end[1]!;
    } else value = value.replace(/\s+#.*$/, '').trim();
    if (Object.hasOwn(out, key))
      throw new InputError('ERR_INPUT', `line ${i + 1}: ${key} is set twice`, { file });
    out[key] = value;
  });
  return out;
}
