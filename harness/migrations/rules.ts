import { LEDGER_DATA_RULES } from './ledger-data-changes.js';
/** Preflight rule ids (stable, kebab-case) and what each one means; docs/migrations.md lists them too. */
export const PREFLIGHT_RULES = [
  {
    id: 'migration-edited',
    rationale: 'a migration that a released version applied changed after release (checksum differs)',
  },
  { id: 'migration-removed', rationale: 'a migration that a released version applied is gone' },
  { id: 'migration-renamed', rationale: 'a released migration reappears under another file name or version' },
  {
    id: 'migration-out-of-order',
    rationale: 'a new migration is ordered before (or at) a released one: migrations are forward-only',
  },
  {
    id: 'migration-multiple-heads',
    rationale: 'the migrations do not end in exactly one head (duplicate SQL versions, or a branched graph)',
  },
  {
    id: 'migration-head-mismatch',
    rationale: "the head after migrating differs from the release artifact's expected_alembic_head",
  },
  {
    id: 'migration-apply-failed',
    rationale: "the candidate's migrations fail to apply on top of the base release",
  },
  {
    id: 'migration-not-idempotent',
    rationale: 'applying the migrations a second time fails or changes the schema digest',
  },
  {
    id: 'migration-destructive-ddl',
    rationale: 'squawk found destructive or locking DDL in a release not classed major',
  },
  {
    id: 'migration-destructive-ddl-unchecked',
    rationale: 'the command driver has no `sql` command, so its DDL could not be linted',
  },
  { id: 'migration-lint', rationale: 'squawk advice that does not block (info only)' },
  { id: 'ledger-data-update', rationale: LEDGER_DATA_RULES['ledger-data-update'] },
  { id: 'ledger-data-delete', rationale: LEDGER_DATA_RULES['ledger-data-delete'] },
  { id: 'ledger-data-truncate', rationale: LEDGER_DATA_RULES['ledger-data-truncate'] },
  { id: 'ledger-column-rewrite', rationale: LEDGER_DATA_RULES['ledger-column-rewrite'] },
] as const;

export type PreflightRuleId = (typeof PREFLIGHT_RULES)[number]['id'];
