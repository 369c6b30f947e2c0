/** Where the Postgres came from; named in every report next to the server version. */
export type ProviderName = 'url' | 'testcontainers' | 'embedded';

/** A fresh database that this handle created; `close()` drops it (and stops any server it started). */
export interface PostgresHandle {
  /** Connection URL of the fresh database (contains a password for embedded servers). */
  url: string;
  provider: ProviderName;
  /** e.g. "15.18" (SHOW server_version). */
  serverVersion: string;
  /** server_version_num / 10000, e.g. 15. */
  major: number;
  close(): Promise<void>;
}

export type Log = (line: string) => void;

export interface ProvideOptions {
  /** Bring-your-own server; overrides PROOFGATE_DATABASE_URL. */
  databaseUrl?: string;
  /** The production major; callers FAIL on a mismatch via `checkPostgresMajor` (default 15). */
  targetMajor?: number;
  /** Force one provider instead of url → testcontainers → embedded. */
  provider?: 'auto' | ProviderName;
  /** One line per decision (which provider, why one was skipped). Default: stderr. */
  log?: Log;
  /** Environment to read PROOFGATE_DATABASE_URL / DOCKER_HOST from (default process.env). */
  env?: NodeJS.ProcessEnv;
}
