// Shard identity of a team's own tables read through a source mapping (issue 14 #6 on the mapped
// path): shards of two mapped databases, or of one database read through two mappings, must not
// merge; honest shards of one mapped database merge to the unsharded run's digest.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { scratchDatabases, withPostgres } from '../db/testing.js';
import { importThroughMapping } from '../ledger/mapped/import-mapped.js';
import type { SourceMapping } from '../ledger/mapped/source-mapping.js';
import { captureContext } from '../testing/capture-context.js';
import { tempBundle } from './testing.js';

const db = withPostgres();
const databases = scratchDatabases(db);
type Bundle = Awaited<ReturnType<typeof tempBundle>>;
let bundle: Bundle;
let work: string;
let clean: string; // team.records holds the honest history
let tampered: string; // the same history, record 75 (in shard 2's range of 3) swapped

const TABLES = `CREATE SCHEMA team;
  CREATE TABLE team.records (seq int8 PRIMARY KEY, token text NOT NULL);
  CREATE TABLE team.keys (kid text PRIMARY KEY, alg text NOT NULL, jwk jsonb NOT NULL,
    valid_from timestamptz NOT NULL, valid_until timestamptz, revoked_at timestamptz);
  CREATE TABLE team.anchors (size int8 PRIMARY KEY, note text NOT NULL);`;

function mapping(origin: string, noteKeys: string[], records?: string): SourceMapping {
  return {
    origin,
    noteKeys,
    records:
      records === undefined ? { table: 'team.records', seq: 'seq', token: 'token' } : { query: records },
    keys: {
      table: 'team.keys',
      kid: 'kid',
      alg: 'alg',
      jwk: 'jwk',
      validFrom: 'valid_from',
      validUntil: 'valid_until',
      revokedAt: 'revoked_at',
    },
    anchors: { table: 'team.anchors', size: 'size', note: 'note' },
  };
}

async function scratch(): Promise<string> {
  const url = await databases.create('pg_merge_mapped');
  await sql(url, TABLES);
  return url;
}

async function sql(url: string, text: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

/** A folder whose proofgate.config.json maps the team's tables (optionally records by a query). */
async function configDir(name: string, records?: string): Promise<string> {
  const dir = join(work, name);
  const { origin, noteKeys } = bundle.history;
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'proofgate.config.json'),
    JSON.stringify({ ledger: { source: mapping(origin, [...noteKeys], records) } }),
  );
  return dir;
}

async function run(cwd: string, ...argv: string[]) {
  const ctx = captureContext(cwd);
  const code = await main(argv, ctx);
  return { code, out: ctx.stdoutText(), err: ctx.stderrText() };
}

async function shard(cwd: string, url: string, k: number): Promise<string> {
  const out = join(work, `shard-${randomBytes(4).toString('hex')}.json`);
  const r = await run(
    cwd,
    'verify-proofs',
    '--database-url',
    url,
    '--workers',
    '1',
    '--shard',
    `${k}/3`,
    '--out',
    out,
  );
  expect(r.err).not.toMatch(/ERR_/);
  expect(r.code).toBeLessThan(2);
  return out;
}

let tables: string;
let byQuery: string;
let byTamperedQuery: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'proofgate-merge-mapped-'));
  bundle = await tempBundle(90, 30, 'merge-mapped');
  const { origin, noteKeys } = bundle.history;
  clean = await scratch();
  tampered = await scratch();
  await importThroughMapping(bundle.dir, mapping(origin, [...noteKeys]), clean);
  await importThroughMapping(bundle.dir, mapping(origin, [...noteKeys]), tampered);
  const swap = (t: string) =>
    `UPDATE ${t} SET token = (SELECT token FROM ${t} WHERE seq = 76) WHERE seq = 75`;
  await sql(tampered, swap('team.records'));
  // One database holding a tampered copy beside the honest table: two mappings, one location.
  await sql(clean, `CREATE TABLE team.staging AS SELECT * FROM team.records; ${swap('team.staging')}`);
  tables = await configDir('tables');
  byQuery = await configDir('query', 'SELECT seq, token FROM team.records');
  byTamperedQuery = await configDir('staging', 'SELECT seq, token FROM team.staging');
}, 120_000);

afterAll(async () => {
  await bundle?.remove();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('merge of shards read through a source mapping', () => {
  it('honest shards of one mapped database: PASS with the digest of the unsharded run', async () => {
    const single = await run(
      tables,
      'verify-proofs',
      '--database-url',
      clean,
      '--format',
      'json',
      '--deterministic',
    );
    expect(single.err).toBe('');
    expect(single.code).toBe(0);
    const shards = [
      await shard(tables, clean, 0),
      await shard(tables, clean, 1),
      await shard(tables, clean, 2),
    ];
    const merged = await run(tables, 'merge', ...shards, '--format', 'json', '--deterministic');
    expect(merged.code).toBe(0);
    expect(JSON.parse(merged.out).digest).toBe(JSON.parse(single.out).digest);
    expect(JSON.parse(merged.out).verificationDigest).toBe(JSON.parse(single.out).verificationDigest);
  });

  it('the tampered database alone FAILs (control: each mixture below would hide it)', async () => {
    const r = await run(tables, 'verify-proofs', '--database-url', tampered, '--format', 'json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).failures[0]).toMatchObject({ seq: 75 });
  });

  // Each mixture: shards 0 and 1 from one (config, database), shard 2 from another; merge refuses it.
  it.each([
    [
      'shards 0–1 of a tampered mapped database + shard 2 of a clean one: exit 2 naming the location',
      (): [string, string, string, string] => [tables, tampered, tables, clean],
      /shard 2\/3 is not from the same run as shard 0\/3: identity\.location differs/,
    ],
    [
      'one mapped database read through two mappings (a tampered staging table by query): exit 2 naming the mapping',
      (): [string, string, string, string] => [byTamperedQuery, clean, byQuery, clean],
      /shard 2\/3 is not from the same run as shard 0\/3: identity\.mappingDigest differs/,
    ],
  ] as const)('%s', async (_, sources, message) => {
    const [config01, url01, config2, url2] = sources();
    const r = await run(
      tables,
      'merge',
      await shard(config01, url01, 0),
      await shard(config01, url01, 1),
      await shard(config2, url2, 2),
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});
