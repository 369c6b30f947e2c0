import { connectClient } from '../db/index.js';
import { InfraError } from '../errors/index.js';

/**
 * The rehearsal only works in a database it created (DESIGN §4). CREATE DATABASE copies template1,
 * so a fresh database can still hold tables; anything in a user schema means the results would not
 * be the upgrade of the base release alone: refuse (exit 2) rather than rehearse on unknown state.
 */
export async function assertEmptyDatabase(url: string): Promise<void> {
  const client = await connectClient(url);
  try {
    const res = await client.query<{ what: string }>(
      `SELECT format('%s %I.%I', CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view'
                     WHEN 'm' THEN 'materialized view' WHEN 'S' THEN 'sequence' ELSE 'relation' END,
                     n.nspname, c.relname) AS what
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
          AND n.nspname NOT LIKE 'pg_temp_%' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
        ORDER BY 1 LIMIT 5`,
    );
    if (res.rows.length > 0)
      throw new InfraError(
        'ERR_DATABASE',
        `the scratch database is not empty (${res.rows.map((r) => r.what).join(', ')}${res.rows.length === 5 ? ', …' : ''}); the rehearsal runs only on a database it created empty`,
        {
          hint: 'remove the objects from template1 of that server, or point --database-url at a server whose template1 is clean',
        },
      );
  } finally {
    await client.end().catch(() => undefined);
  }
}
