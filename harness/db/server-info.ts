import type pg from 'pg';

export interface ServerInfo {
  serverVersion: string;
  major: number;
}

/** server_version_num is MMmmpp since PostgreSQL 10 (e.g. 150018 → major 15). */
export async function readServerInfo(client: pg.Client): Promise<ServerInfo> {
  const r = await client.query<{ v: string; n: string }>(
    "SELECT current_setting('server_version') AS v, current_setting('server_version_num') AS n",
  );
  const row = r.rows[0];
  if (!row) throw new Error('SHOW server_version returned no row');
  return { serverVersion: row.v, major: Math.floor(Number(row.n) / 10_000) };
}
