import { isProofgateError, type ProofgateError } from '../../errors/index.js';
import { databaseError } from '../../db/connect.js';

/** A failed read through a source mapping: a missing table or column points at the mapping, not at proofgate's ledger. */
export function mapMappedError(what: string, cause: unknown): ProofgateError {
  if (isProofgateError(cause)) return cause;
  const code = (cause as { code?: string }).code;
  const hint =
    code === '42P01' || code === '42703' || code === '3F000'
      ? 'a mapped table, column or schema does not exist: check ledger.source in the config (names are schema-qualified)'
      : code === '42601' || code === '42804'
        ? 'the mapped query is not valid SQL of the expected columns: see docs/foreign-ledger.md'
        : undefined;
  return databaseError(what, cause, hint === undefined ? {} : { hint });
}
