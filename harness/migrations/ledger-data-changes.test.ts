import { describe, expect, it } from 'vitest';
import { ledgerDataChanges, PROOFGATE_LEDGER_TABLES } from './ledger-data-changes.js';

const ACME = ['acme_audit.entries', 'acme_audit.signer_keys', 'acme_audit.tree_heads'];

describe('ledger data changes in upgrade SQL', () => {
  it.each([
    ["UPDATE acme_audit.entries SET token = translate(token, '-_', '+/');", ACME, ['ledger-data-update']],
    ['update "acme_audit"."signer_keys" set jwk = null;', ACME, ['ledger-data-update']],
    ['DELETE FROM acme_audit.signer_keys WHERE active_until < now();', ACME, ['ledger-data-delete']],
    ['DELETE FROM ONLY signer_keys;', ACME, ['ledger-data-delete']],
    [
      'TRUNCATE TABLE acme_audit.tree_heads, acme_audit.entries;',
      ACME,
      ['ledger-data-truncate', 'ledger-data-truncate'],
    ],
    [
      'ALTER TABLE acme_audit.entries ALTER COLUMN token TYPE varchar(300) USING left(token, 300);',
      ACME,
      ['ledger-column-rewrite'],
    ],
    ['UPDATE ledger_keys SET revoked_at = now();', PROOFGATE_LEDGER_TABLES, ['ledger-data-update']],
    // Not data changes of ledger tables:
    ['UPDATE acme_audit.invoices SET paid = true;', ACME, []],
    ['ALTER TABLE acme_audit.entries ADD COLUMN source text;', ACME, []],
    ["INSERT INTO acme_audit.entries (position, token) VALUES (1, 'UPDATE acme_audit.entries');", ACME, []],
    ['-- DELETE FROM acme_audit.entries\nSELECT 1;', ACME, []],
    [
      'CREATE TRIGGER t BEFORE UPDATE OR DELETE ON ledger_records FOR EACH ROW EXECUTE FUNCTION f();',
      PROOFGATE_LEDGER_TABLES,
      [],
    ],
    [
      'CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN DELETE FROM ledger_records; END $$ LANGUAGE plpgsql;',
      PROOFGATE_LEDGER_TABLES,
      [],
    ],
    [
      'CREATE FUNCTION f() RETURNS trigger AS $body$ BEGIN UPDATE ledger_keys SET kid = kid; END $body$ LANGUAGE plpgsql;',
      PROOFGATE_LEDGER_TABLES,
      [],
    ],
  ])('%s', (sql, tables, ids) => {
    expect(ledgerDataChanges(sql, tables, 'upgrade.sql').map((f) => f.id)).toEqual(ids);
  });
});
