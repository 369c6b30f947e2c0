import { readFile } from 'node:fs/promises';
import { InputError } from '../errors/index.js';
import { findDuplicateKey } from '../openapi/duplicate-keys.js';

/** Reads a JSON file; a missing or malformed file is an ERR_RELEASE input error (exit 2). */
export async function readJsonFile(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new InputError(
      'ERR_RELEASE',
      `cannot read ${what}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      {
        file,
        cause: e,
      },
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text) as unknown;
  } catch (e) {
    throw new InputError('ERR_RELEASE', `${what} is not valid JSON: ${(e as Error).message}`, {
      file,
      cause: e,
    });
  }
  // JSON.parse keeps the last of two equal names silently: a manifest must say one thing.
  const dup = findDuplicateKey(text);
  if (dup !== undefined) {
    throw new InputError('ERR_RELEASE', `${what} names the member ${JSON.stringify(dup.key)} twice`, {
      file,
      pointer: dup.pointer,
    });
  }
  return data;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
