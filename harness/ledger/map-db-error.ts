import { isProofgateError, type ProofgateError } from '../errors/index.js';
import { databaseError } from '../db/connect.js';

/** pg errors → InfraError ERR_DATABASE with a hint that fits the SQLSTATE; ProofgateErrors pass. */
export function mapDbError(what: string, cause: unknown): ProofgateError {
  if (isProofgateError(cause)) return cause;
  const code = (cause as { code?: string }).code;
  const hint =
    code === '42P01'
      ? 'this database has no proofgate ledger; run `proofgate import` first or check --database-url'
      : code === '57P01' || code === '57P02' || code === '57P03'
        ? 'the server terminated the connection (restart, shutdown or pg_terminate_backend); nothing was verified — re-run'
        : undefined;
  return databaseError(what, cause, hint === undefined ? {} : { hint });
}
