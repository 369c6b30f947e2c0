import { access } from 'node:fs/promises';
import { InputError } from '../errors/index.js';
import { formatPointer } from '../openapi/json-pointer.js';
import { canonicalJson } from '../report/index.js';
import { writeFileAtomic } from '../report/write-atomic.js';
import { isPlainObject, readJsonFile } from './read-json.js';
import type { LockFile, MigrationFile } from './types.js';

export const LOCK_FORMAT = 'proofgate-migrations-lock/1';
export const DEFAULT_LOCK_FILE = 'migrations.lock.json';
const CHECKSUM = /^sha256:[0-9a-f]{64}$/;

export function emptyLock(): LockFile {
  return { format: LOCK_FORMAT, releases: {} };
}

/** Validates a lock file (like Flyway's checksums / atlas.sum, one entry per released version). */
export function parseLock(value: unknown, file: string): LockFile {
  const fail = (pointer: string, message: string): never => {
    throw new InputError('ERR_RELEASE', message, {
      file,
      pointer,
      hint: 'restore the lock file from version control',
    });
  };
  if (!isPlainObject(value)) return fail('', 'the lock file must be a JSON object');
  if (value['format'] !== LOCK_FORMAT) fail('/format', `format must be ${JSON.stringify(LOCK_FORMAT)}`);
  const releases = value['releases'];
  if (!isPlainObject(releases)) return fail('/releases', 'releases must be an object of version → files');
  const out: LockFile = emptyLock();
  for (const [version, files] of Object.entries(releases)) {
    if (!isPlainObject(files))
      return fail(`/releases/${version}`, 'each release must map file names to checksums');
    const entry: Record<string, string> = {};
    for (const [name, sum] of Object.entries(files)) {
      if (typeof sum !== 'string' || !CHECKSUM.test(sum))
        fail(formatPointer(['releases', version, name]), 'checksum must be sha256:<64 hex>');
      entry[name] = sum as string;
    }
    out.releases[version] = entry;
  }
  return out;
}

export async function readLock(file: string, { missingOk }: { missingOk: boolean }): Promise<LockFile> {
  const present = await access(file).then(
    () => true,
    () => false,
  );
  if (!present) {
    if (missingOk) return emptyLock();
    throw new InputError('ERR_RELEASE', 'lock file not found', {
      file,
      hint: 'pass --base DIR (the release you upgrade from), or point --lock at the lock file; before the first release create an empty one: {"format":"proofgate-migrations-lock/1","releases":{}}',
    });
  }
  return parseLock(await readJsonFile(file, 'the migrations lock file'), file);
}

/** Canonical form (sorted keys, 2-space indent, final newline) so the file diffs cleanly in review. */
export function formatLock(lock: LockFile): string {
  return `${JSON.stringify(JSON.parse(canonicalJson(lock)), null, 2)}\n`;
}

export async function writeLock(file: string, lock: LockFile): Promise<void> {
  await writeFileAtomic(file, formatLock(lock));
}

export function lockEntry(files: readonly MigrationFile[]): Record<string, string> {
  return Object.fromEntries(files.map((f) => [f.name, f.checksum]));
}
