import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors/index.js';
import { writeFileAtomic } from '../report/index.js';
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
  // Bytes, not text: a lossy decoding of what is on disk must never make it look unchanged.
  const existing = await readFile(join(dir, FREEZE_FILES.snapshot)).catch(() => undefined);
  if (existing !== undefined && !existing.equals(Buffer.from(artifacts.snapshot)) && options.force !== true) {
    throw new UsageError(`${dir} already holds a frozen contract with a different meaning`, {
      hint: `${V2_ADVICE}; pass --force only to author a version that was never released`,
    });
  }
  await mkdir(dir, { recursive: true });
  const result: WriteFreezeResult = { dir, written: [], unchanged: [] };
  for (const kind of ['spec', 'snapshot', 'hash', 'types'] as const) {
    const name = FREEZE_FILES[kind];
    const file = join(dir, name);
    const before = await readFile(file).catch(() => undefined);
    if (before !== undefined && before.equals(Buffer.from(artifacts[kind]))) {
      result.unchanged.push(name);
      continue;
    }
    await writeFileAtomic(file, artifacts[kind]);
    result.written.push(name);
  }
  return result;
}
