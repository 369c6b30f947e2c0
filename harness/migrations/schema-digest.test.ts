import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provideFromUrl, type PostgresHandle } from '../db/index.js';
import { withPostgres } from '../db/testing.js';
import { withClient } from './connect.js';
import { diffSchemaDigests, readSchemaDigest, schemaDigest } from './schema-digest.js';
import { withScratchDatabase } from './test-helpers.js';

const db = withPostgres();

const BASE = `
CREATE TYPE mood AS ENUM ('calm', 'busy');
CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
CREATE TABLE a (id bigint PRIMARY KEY, name text NOT NULL DEFAULT 'x', m mood, n positive);
CREATE TABLE b (id bigint PRIMARY KEY, a_id bigint REFERENCES a (id), note varchar(5));
CREATE INDEX b_a_idx ON b (a_id);
CREATE SEQUENCE s START 10;
CREATE VIEW v AS SELECT id, name FROM a;
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW EXECUTE FUNCTION f();
ALTER TABLE a ENABLE ROW LEVEL SECURITY;
CREATE POLICY p ON a USING (id > 0);
`;

async function digestAfter(...steps: string[]): Promise<Awaited<ReturnType<typeof schemaDigest>>> {
  return withScratchDatabase(db.url, async (url) => {
    await withClient(url, async (c) => {
      for (const sql of steps) await c.query(sql);
    });
    return schemaDigest(url);
  });
}

let shared: PostgresHandle;
beforeAll(async () => {
  shared = await provideFromUrl(db.url);
  await withClient(shared.url, (c) => c.query(BASE));
});
afterAll(async () => {
  await shared?.close();
});

describe('schema digest (catalog)', () => {
  it('same schema → same digest, whatever the creation order, OIDs or row data', async () => {
    const one = await digestAfter(BASE);
    const reordered = await digestAfter(
      'CREATE TABLE unrelated_first (x int)',
      'DROP TABLE unrelated_first',
      BASE,
      "INSERT INTO a (id, name) VALUES (1, 'row data is not schema')",
    );
    expect(reordered.digest).toBe(one.digest);
    expect(one.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(one.objects.some((l) => l.startsWith('trigger: '))).toBe(true);
  });

  it.each<[string, { change: string; kind: string }]>([
    ['a new column', { change: 'ALTER TABLE a ADD COLUMN extra text', kind: 'column' }],
    ['a column type', { change: 'ALTER TABLE b ALTER COLUMN note TYPE varchar(10)', kind: 'column' }],
    ['a column default', { change: "ALTER TABLE a ALTER COLUMN name SET DEFAULT 'y'", kind: 'column' }],
    ['nullability', { change: 'ALTER TABLE a ALTER COLUMN name DROP NOT NULL', kind: 'column' }],
    ['a constraint', { change: 'ALTER TABLE a ADD CONSTRAINT a_pos CHECK (id > 0)', kind: 'constraint' }],
    ['an index', { change: 'CREATE INDEX a_name_idx ON a (name)', kind: 'index' }],
    [
      'a trigger',
      { change: 'CREATE TRIGGER t2 BEFORE UPDATE ON a FOR EACH ROW EXECUTE FUNCTION f()', kind: 'trigger' },
    ],
    ['a disabled trigger', { change: 'ALTER TABLE a DISABLE TRIGGER t', kind: 'trigger' }],
    [
      'a function body',
      {
        change:
          'CREATE OR REPLACE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$',
        kind: 'function',
      },
    ],
    ['an enum value', { change: "ALTER TYPE mood ADD VALUE 'sad'", kind: 'type' }],
    ['a view', { change: 'CREATE OR REPLACE VIEW v AS SELECT id, name, m FROM a', kind: 'view' }],
    ['a sequence', { change: 'ALTER SEQUENCE s INCREMENT 5', kind: 'sequence' }],
    ['a policy', { change: 'CREATE POLICY p2 ON a USING (true)', kind: 'policy' }],
    ['row level security', { change: 'ALTER TABLE b ENABLE ROW LEVEL SECURITY', kind: 'relation' }],
    ['a new table', { change: 'CREATE TABLE c (id int)', kind: 'relation' }],
    ['a schema', { change: 'CREATE SCHEMA extra', kind: 'schema' }],
  ])('%s changes the digest', async (_name, { change, kind }) => {
    // One database holding BASE; each change runs in a transaction that is rolled back.
    await withClient(shared.url, async (c) => {
      const before = await readSchemaDigest(c);
      await c.query('BEGIN');
      try {
        await c.query(change);
        const after = await readSchemaDigest(c);
        expect(after.digest).not.toBe(before.digest);
        const { removed, added } = diffSchemaDigests(before, after);
        expect([...removed, ...added].some((l) => l.startsWith(`${kind}: `))).toBe(true);
      } finally {
        await c.query('ROLLBACK');
      }
    });
  });
});
