import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { outputError } from './output-error.js';

/**
 * Writes via a temp file in the same folder and rename(2), so readers never see half a report.
 * A full disk, a read-only folder or a denied permission is an ERR_OUTPUT error (exit 2).
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const target = resolve(file);
  const tmp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(tmp, data, { flush: true });
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw outputError('file', target, e);
  }
}
