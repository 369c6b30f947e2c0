import type pg from 'pg';

/**
 * Where a database lives, for telling shards of one run from shards of another: the cluster's
 * system identifier when this user may read it, else the server address and port; then the
 * database name. Raises no error for lack of privilege (a read snapshot must stay usable).
 */
export async function readDatabaseLocation(client: pg.Client): Promise<string> {
  const where = (
    await client.query<{ id: string | null; addr: string | null; port: number | null; db: string }>(
      `SELECT CASE WHEN has_function_privilege('pg_catalog.pg_control_system()', 'EXECUTE')
                THEN (SELECT system_identifier::text FROM pg_catalog.pg_control_system()) END AS id,
              pg_catalog.inet_server_addr()::text AS addr, pg_catalog.inet_server_port() AS port,
              pg_catalog.current_database() AS db`,
    )
  ).rows[0]!;
  const server = where.id !== null ? `system ${where.id}` : `${where.addr ?? 'local'}:${where.port ?? ''}`;
  return `${server}/${where.db}`;
}
