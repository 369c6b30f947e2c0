import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../errors/index.js';
import { fileChecksum } from './checksum.js';
import type { MigrationFile } from './types.js';

/** `NNNN_name.sql`: a decimal version, an underscore, a name. */
export const SQL_FILE_NAME = /^([0-9]+)_([A-Za-z0-9][A-Za-z0-9_.-]*)\.sql$/;
const NO_TRANSACTION = /^--\s*proofgate:no-transaction\s*$/;

async function readDirOrFail(dir: string): Promise<import('node:fs').Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (e) {
    throw new InputError(
      'ERR_RELEASE',
      `cannot read the migrations folder: ${(e as NodeJS.ErrnoException).code ?? e}`,
      {
        file: dir,
        cause: e,
      },
    );
  }
}

/**
 * The SQL driver's files, sorted by version. A `.sql` file whose name does not follow `NNNN_name.sql`
 * is an input error: silently skipping it would leave a migration unapplied and unchecked.
 */
export async function listSqlMigrations(dir: string): Promise<MigrationFile[]> {
  const files: MigrationFile[] = [];
  for (const entry of await readDirOrFail(dir)) {
    if (!entry.isFile() || !entry.name.toLowerCase().endsWith('.sql')) continue;
    const m = SQL_FILE_NAME.exec(entry.name);
    if (m === null)
      throw new InputError('ERR_RELEASE', `migration file name must look like NNNN_name.sql`, {
        file: join(dir, entry.name),
        hint: 'rename it, e.g. 0003_add_index.sql',
      });
    const path = join(dir, entry.name);
    const bytes = await readFile(path);
    const firstLine = bytes.toString('utf8').split('\n', 1)[0] ?? '';
    files.push({
      name: entry.name,
      path,
      checksum: fileChecksum(bytes),
      version: m[1] as string,
      order: BigInt(m[1] as string),
      noTransaction: NO_TRANSACTION.test(firstLine.trimEnd()),
    });
  }
  return files.sort((a, b) =>
    a.order! < b.order! ? -1 : a.order! > b.order! ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
}

/** Every file under a command driver's folder (recursive), skipping dot-files and `__pycache__`. */
export async function listCommandMigrations(dir: string, prefix = ''): Promise<MigrationFile[]> {
  const files: MigrationFile[] = [];
  for (const entry of await readDirOrFail(join(dir, prefix))) {
    if (entry.name.startsWith('.') || entry.name === '__pycache__') continue;
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) files.push(...(await listCommandMigrations(dir, rel)));
    else if (entry.isFile()) {
      const path = join(dir, rel);
      files.push({ name: rel, path, checksum: fileChecksum(await readFile(path)) });
    }
  }
  return files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
