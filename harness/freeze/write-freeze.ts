import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors/index.js';
import { writeFileAtomic } from '../report/index.js';
import { outputError } from '../report/output-error.js';
import type { FreezeArtifacts } from './build-freeze.js';
import { FREEZE_FILES, V2_ADVICE } from './files.js';

export interface WriteFreezeResult {
  dir: string;
  /** Files whose bytes changed (or were created), by name. */
  written: string[];
  unchanged: string[];
}

/**
 * Writes a freeze folder atomically, file by file. An existing freeze of a *different* contract is
 * refused unless `force` (re-freezing v1 with new meaning is exactly what the freeze forbids).
 */
export async function writeFreeze(
  dir: string,
  artifacts: FreezeArtifacts,
  options: { force?: boolean } = {},
): Promise<WriteFreezeResult> {
  // Bytes, not text: a lossy decoding of what is on disk must never make it look unchanged. All
  // four are read first: a file that is there but unreadable stops the run before anything is
  // written (it must not pass for absent, which would overwrite a frozen contract).
  const before = new Map<string, Buffer | undefined>();
  for (const name of Object.values(FREEZE_FILES)) before.set(name, await readIfPresent(dir, join(dir, name)));
  const existing = before.get(FREEZE_FILES.snapshot);
  if (existing !== undefined && !existing.equals(Buffer.from(artifacts.snapshot)) && options.force !== true) {
    throw new UsageError(`${dir} already holds a frozen contract with a different meaning`, {
      hint: `${V2_ADVICE}; pass --force only to author a version that was never released`,
    });
  }
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    throw outputError('the freeze folder', dir, e);
  }
  const result: WriteFreezeResult = { dir, written: [], unchanged: [] };
  for (const kind of ['spec', 'snapshot', 'hash', 'types'] as const) {
    const name = FREEZE_FILES[kind];
    if (before.get(name)?.equals(Buffer.from(artifacts[kind])) === true) {
      result.unchanged.push(name);
      continue;
    }
    await writeFileAtomic(join(dir, name), artifacts[kind]);
    result.written.push(name);
  }
  return result;
}

/** The file's bytes; undefined only when it (or its folder) does not exist. */
async function readIfPresent(dir: string, file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined; // ENOTDIR: mkdir names it
    throw outputError('the freeze folder', dir, e, `${file} is there but cannot be read: fix or remove it`);
  }
}
