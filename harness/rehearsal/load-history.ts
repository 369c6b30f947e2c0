import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectClient } from '../db/index.js';
import { UsageError } from '../errors/index.js';
import { generateHistory } from '../history/index.js';
import { importBundle, qualify } from '../ledger/index.js';
import type { HistorySpec } from './types.js';

export const DEFAULT_HISTORY_SEED = 'proofgate-rehearsal';

export interface LoadedHistory {
  origin: string;
  records: number;
  anchors: number;
  keys: number;
}

/** A checkpoint about every tenth of the log (at most every 1000 records), so old tree sizes exist. */
export function anchorEveryFor(records: number): number {
  return Math.max(1, Math.min(1000, Math.ceil(records / 10)));
}

/**
 * Loads the history into the ledger the base release created: a bundle as is, or N seeded records
 * (harness/history: three keys with rotation and a revoked key, anchors) written to a temporary
 * bundle first. The import is append-only and refuses a log that already exists.
 */
export async function loadHistory(spec: HistorySpec, url: string): Promise<LoadedHistory> {
  const loaded = await importRecords(spec, url);
  // A production ledger has been vacuumed: set hint bits and statistics now, as autovacuum would,
  // so the first verification reads the table as it is in production (not freshly COPY'd pages).
  const client = await connectClient(url);
  try {
    await client.query(
      `VACUUM (ANALYZE) ${['ledger_records', 'ledger_anchors', 'ledger_keys', 'ledger_meta'].map((t) => qualify(t)).join(', ')}`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
  return loaded;
}

async function importRecords(spec: HistorySpec, url: string): Promise<LoadedHistory> {
  if ('bundle' in spec) return importBundle(spec.bundle, url);
  if ('restore' in spec)
    throw new UsageError('a pg_dump restore loads a team’s own tables: it needs ledger.source', {
      hint: 'set ledger.source (docs/foreign-ledger.md), or give --history BUNDLE / --generate N',
    });
  const dir = await mkdtemp(join(tmpdir(), 'proofgate-rehearsal-history-'));
  try {
    await generateHistory({
      out: dir,
      seed: spec.seed ?? DEFAULT_HISTORY_SEED,
      records: spec.generate,
      anchorEvery: anchorEveryFor(spec.generate),
    });
    return await importBundle(dir, url);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
