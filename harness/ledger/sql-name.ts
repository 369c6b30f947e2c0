import { UsageError } from '../errors/index.js';

/** The schema the ledger tables live in unless configured: never the session's search_path. */
export const DEFAULT_LEDGER_SCHEMA = 'public';

/**
 * A SQL identifier, always double-quoted (embedded quotes doubled), so no name is ever resolved
 * through the search_path or folded to lower case. Empty names and NUL are refused (exit 2).
 */
export function quoteIdent(name: string): string {
  if (name === '' || name.includes('\u0000')) {
    throw new UsageError(`invalid SQL identifier ${JSON.stringify(name)}`, {
      hint: 'name a schema/table without NUL bytes, e.g. --schema public',
    });
  }
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * `"schema"."table"`. Unqualified names let a same-named table in a schema earlier on the
 * search_path (by default `"$user"`) shadow the ledger: a clean copy there made a tampered
 * ledger PASS.
 */
export function qualify(table: string, schema: string = DEFAULT_LEDGER_SCHEMA): string {
  return `${quoteIdent(schema)}.${quoteIdent(table)}`;
}
