import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connectClient } from '../db/index.js';
import { InfraError, InputError } from '../errors/index.js';
import { importThroughMapping } from '../ledger/mapped/import-mapped.js';
import { readMappedKeys, readMappedRange } from '../ledger/mapped/read-mapped.js';
import { anchorsSql, mappedTables, type SourceMapping } from '../ledger/mapped/source-mapping.js';
import type { Finding } from '../report/index.js';
import type { LoadedHistory } from './load-history.js';
import { restoreDump, type PreparedRestore } from './restore-dump.js';
import type { HistorySpec } from './types.js';

/** A team's own ledger in a rehearsal: where it lives, what its records are, how the team loads it. */
export interface RehearsalLedger {
  mapping: SourceMapping;
  /** The team's own load command (argv, no shell), run with DATABASE_URL set; else the history bundle is written through the mapping. */
  load?: { command: string[]; cwd: string };
}

/**
 * The mapped tables the base release must have created. The rehearsal never creates them (or
 * proofgate's own tables) to have something to verify: a missing one is a FAIL naming it.
 */
export async function missingMappedTables(
  url: string,
  ledger: RehearsalLedger,
  baseVersion: string,
): Promise<Finding[]> {
  const client = await connectClient(url);
  try {
    const findings: Finding[] = [];
    for (const t of mappedTables(ledger.mapping)) {
      const r = await client.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [t]);
      if (r.rows[0]?.t === null || r.rows[0]?.t === undefined) {
        findings.push({
          id: 'mapped-table-missing',
          level: 'error',
          pointer: t,
          message: `the base release ${baseVersion} does not create ${t} (ledger.source): the history has nowhere to live, and the rehearsal never creates tables of its own to verify instead`,
        });
      }
    }
    const queries = [ledger.mapping.records, ledger.mapping.keys, ledger.mapping.anchors].filter(
      (p) => 'query' in p,
    );
    for (const q of queries) {
      try {
        await client.query(`SELECT * FROM (${(q as { query: string }).query}) AS probe LIMIT 0`);
      } catch (e) {
        findings.push({
          id: 'mapped-query-failed',
          level: 'error',
          message: `a mapped query does not run on the base release ${baseVersion}: ${(e as Error).message}`,
        });
      }
    }
    return findings;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Loads the history into the team's tables: its own load command, a restore of its staging dump
 * (checked before provisioning: `restore`), or the bundle written through the mapping.
 */
export async function loadMappedHistory(
  spec: HistorySpec,
  url: string,
  ledger: RehearsalLedger,
  restore?: { prepared: PreparedRestore; env: NodeJS.ProcessEnv },
): Promise<LoadedHistory> {
  if (ledger.load !== undefined || 'restore' in spec) {
    if (ledger.load !== undefined) await runLoad(ledger.load, url);
    else if (restore === undefined) throw new Error('loadMappedHistory: a restore must be prepared first');
    else await restoreDump(restore.prepared, url, ledger.mapping, restore.env);
    const client = await connectClient(url);
    try {
      const range = await readMappedRange(client, ledger.mapping);
      const keys = await readMappedKeys(client, ledger.mapping);
      const anchors = await client.query(
        `SELECT count(*)::int AS n FROM (${anchorsSql(ledger.mapping)}) AS a`,
      );
      return {
        origin: ledger.mapping.origin,
        records: range.count,
        anchors: anchors.rows[0].n,
        keys: keys.length,
      };
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  if (!('bundle' in spec)) {
    throw new InputError(
      'ERR_INPUT',
      "a team's own ledger needs its own history: seeded records are in proofgate's format",
      {
        hint: 'set rehearsal.history to a bundle of the team’s history (proofgate export with ledger.source), rehearsal.load to the team’s load command, or rehearsal.restore to a pg_dump of a staging copy',
      },
    );
  }
  return importThroughMapping(spec.bundle, ledger.mapping, url);
}

async function runLoad(load: { command: string[]; cwd: string }, url: string): Promise<void> {
  const [cmd, ...args] = load.command;
  const child = spawn(cmd as string, args, {
    cwd: load.cwd,
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => void (stderr = (stderr + d).slice(-2000)));
  const exited = once(child, 'exit') as Promise<[number | null, string | null]>;
  const failed = once(child, 'error').then(([e]) => {
    throw new InfraError(
      'ERR_DATABASE',
      `the history load command ${JSON.stringify(load.command)} could not start: ${(e as Error).message}`,
      {
        hint: 'check rehearsal.load (argv, run without a shell, from the config folder)',
      },
    );
  });
  const [code, signal] = await Promise.race([exited, failed]);
  if (code !== 0) {
    throw new InfraError(
      'ERR_DATABASE',
      `the history load command ${JSON.stringify(load.command)} exited with ${signal ?? code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`,
      {
        hint: 'the team’s own loader failed against the base release’s schema; run it by hand with DATABASE_URL to see why',
      },
    );
  }
}
