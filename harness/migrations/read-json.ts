import { readFile } from 'node:fs/promises';
import { InputError } from '../errors/index.js';
import { decodeUtf8 } from '../openapi/decode-utf8.js';
import { findDuplicateKey } from '../openapi/duplicate-keys.js';

/**
 * Reads a JSON file as strict UTF-8; a missing, undecodable or malformed file, or one naming a
 * member twice, is an ERR_RELEASE input error (exit 2).
 */
export async function readJsonFile(
  file: string,
  what: string,
  options: { missingHint?: string } = {},
): Promise<unknown> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new InputError(
      'ERR_RELEASE',
      `cannot read ${what}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      { file, ...(options.missingHint === undefined ? {} : { hint: options.missingHint }), cause: e },
    );
  }
  // Never U+FFFD: two artifacts differing only in an invalid byte must not read the same.
  const text = decodeUtf8(bytes, file, 'ERR_RELEASE');
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
