import { applyCommandMigrations, commandHeads, graphHeads } from './command-driver.js';
import { applySqlMigrations, reexecuteSqlMigrations, sqlHeads } from './sql-driver.js';
import type { MigrationFile, MigrationRelease } from './types.js';

/** What one `apply` did, handed back to `applyAgain`. */
export interface ApplyResult {
  /** SQL driver: the files this run applied (empty for the command driver, whose tool keeps its own history). */
  applied: MigrationFile[];
}

/** The two drivers behind one interface, so the preflight and the rehearsal do not care which one runs. */
export interface MigrationDriver {
  kind: 'sql' | 'command';
  /** Brings the database at `url` to the release's head. */
  apply(url: string): Promise<ApplyResult>;
  /**
   * Applies the same migrations a second time. SQL: re-executes the files the first run applied, bypassing
   * the history (a rerun must be safe). Command: runs the upgrade command again.
   */
  applyAgain(url: string, first: ApplyResult): Promise<void>;
  /** The heads the database is at (SQL: the highest applied version; command: the head query's rows). */
  heads(url: string): Promise<string[]>;
  /** The migration graph's heads without a database (command driver with a `heads` command only). */
  graphHeads(): Promise<string[] | undefined>;
}

export function driverFor(release: MigrationRelease): MigrationDriver {
  const config = release.driver;
  if (config.driver === 'sql')
    return {
      kind: 'sql',
      apply: async (url) => ({ applied: await applySqlMigrations(url, release.files) }),
      applyAgain: (url, first) => reexecuteSqlMigrations(url, first.applied),
      heads: sqlHeads,
      graphHeads: async () => undefined,
    };
  return {
    kind: 'command',
    apply: async (url) => {
      await applyCommandMigrations(release.dir, config, url);
      return { applied: [] };
    },
    applyAgain: (url) => applyCommandMigrations(release.dir, config, url),
    heads: (url) => commandHeads(config, url),
    graphHeads: () => graphHeads(release.dir, config),
  };
}

/**
 * Does the applied head equal the artifact's `expected_alembic_head`? Exact text, as the service's
 * startup guard compares it (SQL driver: the version prefix as written, e.g. `0002`).
 */
export function headMatches(head: string, expected: string): boolean {
  return head === expected;
}
