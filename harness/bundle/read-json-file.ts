import { readFile } from 'node:fs/promises';
import { findDuplicateKey } from '../openapi/duplicate-keys.js';
import { bundleError } from './read-lines.js';
import { decodeUtf8 } from './utf8.js';

/** manifest.json / keys.jwks.json are small: read whole, parse, ERR_BUNDLE on any problem. */
export async function readJsonFile(file: string, maxBytes = 16 << 20): Promise<unknown> {
  let text: string;
  try {
    const buf = await readFile(file);
    if (buf.length > maxBytes) throw bundleError(file, undefined, `larger than ${maxBytes} bytes`);
    text = decodeUtf8(buf, 0, buf.length, { file, fileOffset: 0 });
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUNDLE') throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw bundleError(file, undefined, code === 'ENOENT' ? 'file is missing' : `cannot read: ${String(e)}`);
  }
  if (!text.endsWith('\n')) throw bundleError(file, undefined, 'does not end with "\\n"');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw bundleError(file, undefined, `not JSON: ${(e as Error).message}`);
  }
  // JSON.parse keeps the last of two equal member names silently: a manifest must say one thing.
  const dup = findDuplicateKey(text);
  if (dup !== undefined) {
    throw bundleError(
      file,
      undefined,
      `names the member ${JSON.stringify(dup.key)} twice (at #${dup.pointer})`,
    );
  }
  return data;
}
