import { readFile, stat } from 'node:fs/promises';
import { InputError } from '../errors/index.js';
import { decodeUtf8 } from './decode-utf8.js';

/**
 * Reads a spec file after checking its size with stat, so a huge file is refused before any byte
 * is read or parsed, and decodes it as strict UTF-8. `budget` carries the bytes still allowed over all files of one bundle.
 */
export async function readSource(
  real: string,
  display: string,
  maxBytes: number,
  budget: { remaining: number },
  ref?: { file: string; pointer: string },
): Promise<string> {
  let size: number;
  try {
    const st = await stat(real);
    if (!st.isFile()) throw new InputError('ERR_INPUT', 'not a regular file', { file: display });
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (ref !== undefined) {
      throw new InputError('ERR_SPEC_REF', `$ref target ${display} cannot be read (${code ?? 'error'})`, ref);
    }
    throw new InputError(
      'ERR_INPUT',
      code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? 'error'})`,
      {
        file: display,
      },
    );
  }
  if (size > maxBytes || size > budget.remaining) {
    throw new InputError(
      'ERR_SPEC_TOO_LARGE',
      `${size} bytes is over the limit of ${maxBytes} bytes${size <= maxBytes ? ' for the spec and its referenced files together' : ''}`,
      { file: display, hint: 'raise openapi.maxBytes in the config if this spec is really that large' },
    );
  }
  budget.remaining -= size;
  return decodeUtf8(await readFile(real), display);
}
