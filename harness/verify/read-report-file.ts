import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputError } from '../errors/index.js';

/** Reads a JSON report given on the command line; unreadable or not JSON is ERR_REPORT (exit 2). */
export async function readReportFile(cwd: string, path: string): Promise<{ file: string; value: unknown }> {
  const file = resolve(cwd, path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new InputError('ERR_REPORT', `cannot read report: ${(e as Error).message}`, { file });
  }
  try {
    return { file, value: JSON.parse(text) as unknown };
  } catch (e) {
    throw new InputError('ERR_REPORT', `not JSON: ${(e as Error).message}`, { file });
  }
}
