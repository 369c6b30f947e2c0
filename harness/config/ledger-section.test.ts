import { describe, expect, it } from 'vitest';
import { ledgerOf } from './ledger-section.js';
import { readLedgerSection } from './read-ledger-section.js';
import { validateConfig } from './validate-config.js';

const source = {
  origin: 'acme.example/audit',
  noteKeys: ['acme.example/audit+01234567+AXPIx96r2RPskCPIoRdDM5cwx0Q5dwo6JBJ2ibUo/arq'],
  records: { table: 'acme.entries', seq: 'position', token: 'token' },
  keys: { query: 'SELECT key_id, algorithm, jwk, active_from, active_until, revoked_at FROM acme.keys' },
  anchors: { table: 'acme.heads', size: 'tree_size', note: 'note' },
};

const problems = (ledger: unknown): string => {
  try {
    validateConfig({ ledger });
  } catch (e) {
    return (e as Error).message;
  }
  return '';
};

describe('the ledger section: one schema, validated once', () => {
  it('a valid section resolves to the profile and mapping the commands use', () => {
    const config = validateConfig({
      ledger: { profile: { firstSeq: 1, chain: 'none', fields: { prev: null } }, source },
    });
    const l = ledgerOf(config);
    expect(l.mapping).toEqual(source);
    expect(l.profile).toMatchObject({ firstSeq: 1, chain: 'none' });
    expect(ledgerOf({})).toEqual({});
    expect(readLedgerSection({ source })).toEqual({ mapping: source });
  });

  it.each([
    [
      'an unknown key',
      { profile: { chian: 'none' } },
      'ledger.profile.chian: unknown key (did you mean "chain"?)',
    ],
    ['a bad JSON pointer', { profile: { fields: { seq: 'position' } } }, 'ledger.profile.fields.seq: '],
    [
      'an unqualified table',
      { source: { ...source, records: { table: 'entries', seq: 'seq', token: 'token' } } },
      'ledger.source.records.table: "entries" must be a schema-qualified table name such as "ledger.entries"',
    ],
    [
      'a column that is not a plain name',
      { source: { ...source, anchors: { table: 'acme.heads', size: 'tree size', note: 'note' } } },
      'ledger.source.anchors.size: "tree size" must be a plain column name',
    ],
    [
      'two statements in a query',
      { source: { ...source, keys: { query: 'SELECT 1; DROP TABLE acme.keys' } } },
      'ledger.source.keys.query: must be one SELECT without a trailing semicolon',
    ],
    [
      'a multi-line origin',
      { source: { ...source, origin: 'a\nb' } },
      'ledger.source.origin: must be a one-line string',
    ],
  ])('%s: one config error naming the path', (_n, ledger, message) => {
    const text = problems(ledger);
    expect(text).toContain(message);
    expect(text.split(message).length).toBe(2);
  });

  it('every problem of the section at once, in file order', () => {
    const text = problems({
      profile: { fields: { seq: 'x' } },
      source: { ...source, records: { table: 'entries', seq: 'a b', token: 'token' } },
    });
    expect(text.indexOf('ledger.profile.fields.seq')).toBeGreaterThan(-1);
    expect(text.indexOf('ledger.source.records.table')).toBeGreaterThan(
      text.indexOf('ledger.profile.fields.seq'),
    );
    expect(text.indexOf('ledger.source.records.seq')).toBeGreaterThan(
      text.indexOf('ledger.source.records.table'),
    );
  });

  it('a library caller’s unvalidated value is refused with the same messages (ERR_CONFIG)', () => {
    expect(() =>
      readLedgerSection({ source: { ...source, records: { table: 'entries', seq: 's', token: 't' } } }),
    ).toThrow(
      expect.objectContaining({
        code: 'ERR_CONFIG',
        message: expect.stringContaining('ledger.source.records.table'),
      }),
    );
    expect(() => readLedgerSection({ sources: {} })).toThrow(expect.objectContaining({ code: 'ERR_CONFIG' }));
  });
});
