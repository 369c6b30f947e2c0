import { join } from 'node:path';
import { withClient } from './connect.js';
import { describePgError, MigrationFailure } from './migration-failure.js';
import { describeCommand, runCommand, tail } from './run-command.js';
import type { CommandDriverConfig, CommandLine } from './types.js';

async function run(
  releaseDir: string,
  config: CommandDriverConfig,
  line: CommandLine,
  env: Record<string, string>,
): Promise<string> {
  const result = await runCommand(line, {
    cwd: join(releaseDir, config.cwd),
    env,
    timeoutMs: config.timeoutMs,
  });
  if (result.timedOut)
    throw new MigrationFailure(`\`${describeCommand(line)}\` did not finish within ${config.timeoutMs} ms`);
  if (result.code !== 0)
    throw new MigrationFailure(
      `\`${describeCommand(line)}\` exited with ${result.code ?? result.signal}: ${tail(result.stderr || result.stdout)}`,
    );
  return result.stdout;
}

/** Runs the team's upgrade command (e.g. `alembic upgrade head`) against `$DATABASE_URL`. */
export async function applyCommandMigrations(
  releaseDir: string,
  config: CommandDriverConfig,
  url: string,
): Promise<void> {
  await run(releaseDir, config, config.upgrade, { DATABASE_URL: url });
}

/** The heads the database is at, one per row of the configured head query. */
export async function commandHeads(config: CommandDriverConfig, url: string): Promise<string[]> {
  return withClient(url, async (client) => {
    let rows: unknown[][];
    try {
      rows = (await client.query({ text: config.headQuery, rowMode: 'array' })).rows as unknown[][];
    } catch (e) {
      // e.g. alembic_version does not exist yet: the tool never ran, so there is no head.
      if ((e as { code?: string }).code === '42P01') return [];
      throw new MigrationFailure(`head query failed: ${describePgError(e)}`);
    }
    return rows.map((r) => String(r[0])).sort();
  });
}

/** The heads of the migration graph (e.g. `alembic heads`), one per non-empty output line. */
export async function graphHeads(
  releaseDir: string,
  config: CommandDriverConfig,
): Promise<string[] | undefined> {
  if (config.heads === undefined) return undefined;
  const out = await run(releaseDir, config, config.heads, {});
  return out
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** The upgrade's SQL (offline mode) from `fromHead` (none: an empty database), for squawk. */
export async function commandSql(
  releaseDir: string,
  config: CommandDriverConfig,
  fromHead: string | undefined,
  url: string,
): Promise<string | undefined> {
  if (config.sql === undefined) return undefined;
  return run(releaseDir, config, config.sql, { PROOFGATE_FROM_HEAD: fromHead ?? '', DATABASE_URL: url });
}
