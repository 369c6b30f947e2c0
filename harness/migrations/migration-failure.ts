import { InfraError } from '../errors/index.js';

/**
 * A migration's own SQL or command failed. Preflight turns this into a `migration-apply-failed` or
 * `migration-not-idempotent` finding for the candidate; elsewhere it is ERR_MIGRATION (exit 2).
 */
export class MigrationFailure extends InfraError {
  readonly file: string | undefined;
  readonly detail: string;
  constructor(detail: string, options?: { file?: string; hint?: string; cause?: unknown }) {
    super('ERR_MIGRATION', options?.file === undefined ? detail : `${options.file}: ${detail}`, options);
    this.file = options?.file;
    this.detail = detail;
  }
}

/** Postgres error text with its SQLSTATE and 1-based line of `position`, when the server gave one. */
export function describePgError(e: unknown, sql?: string): string {
  const err = e as { message?: string; code?: string; position?: string };
  let line = '';
  if (sql !== undefined && err.position !== undefined) {
    const pos = Number(err.position);
    if (Number.isInteger(pos) && pos > 0) line = ` (line ${sql.slice(0, pos - 1).split('\n').length})`;
  }
  return `${err.message ?? String(e)}${err.code ? ` [SQLSTATE ${err.code}]` : ''}${line}`;
}
