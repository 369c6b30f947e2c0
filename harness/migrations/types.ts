/** Release class (DESIGN §5): only a major release may carry destructive or locking DDL. */
export type ReleaseClass = 'patch' | 'minor' | 'major';

/** The release artifact (`release.json`), DESIGN §5 fields plus `version` and `class`. */
export interface ReleaseJson {
  version: string;
  class?: ReleaseClass;
  code_sha: string;
  /** Head the migrations must reach; `null` when the release does not pin one. */
  expected_alembic_head: string | null;
  supported_api_versions: string[];
  enabled_feature_flags: string[];
  signing_mode: string;
  signing_required: boolean;
}

/** `migrations.json` beside `release.json`: how the release's migrations are applied. */
export type DriverConfig = SqlDriverConfig | CommandDriverConfig;

export interface SqlDriverConfig {
  driver: 'sql';
  /** Folder of `NNNN_name.sql` files, relative to the release folder (default `migrations`). */
  dir: string;
}

/** A command line: a string runs through `/bin/sh -c`, an array runs without a shell. */
export type CommandLine = string | string[];

export interface CommandDriverConfig {
  driver: 'command';
  /** Folder whose files are checksummed into the lock file (e.g. `alembic/versions`). */
  dir: string;
  /** Working folder of the commands, relative to the release folder (default `.`). */
  cwd: string;
  /** Upgrades the database named by `$DATABASE_URL` to the newest head (e.g. `alembic upgrade head`). */
  upgrade: CommandLine;
  /** SQL returning one row per current head in its first column (e.g. `SELECT version_num FROM alembic_version`). */
  headQuery: string;
  /** Lists the heads of the migration graph, one per non-empty output line (e.g. `alembic heads`). */
  heads?: CommandLine;
  /**
   * Prints the SQL of the upgrade from `$PROOFGATE_FROM_HEAD` (empty for a fresh database) to the head,
   * e.g. Alembic offline mode; the SQL is what squawk lints. Without it destructive DDL cannot be checked.
   */
  sql?: CommandLine;
  /** Per-command time limit in milliseconds (default 300 000). */
  timeoutMs: number;
}

/** One migration file of a release. */
export interface MigrationFile {
  /** File name relative to the driver folder, `/`-separated (the lock file key). */
  name: string;
  /** Absolute path. */
  path: string;
  /** `sha256:<hex>` of the exact bytes. */
  checksum: string;
  /** SQL driver only: the version prefix as written (`0002`) and its numeric value. */
  version?: string;
  order?: bigint;
  /** SQL driver only: `-- proofgate:no-transaction` on the first line. */
  noTransaction?: boolean;
}

export interface MigrationRelease {
  /** Absolute release folder. */
  dir: string;
  artifact: ReleaseJson;
  driver: DriverConfig;
  /** Absolute folder of the migration files. */
  migrationsDir: string;
  /** Sorted: by version for the SQL driver, by name for the command driver. */
  files: MigrationFile[];
}

/** `migrations.lock.json`: checksums of every migration file per released version. */
export interface LockFile {
  format: 'proofgate-migrations-lock/1';
  releases: Record<string, Record<string, string>>;
}
