import type pg from 'pg';
import { connectClient } from '../db/connect.js';

/** A database URL (we open and close our own connection) or an open client (the caller's). */
export type LedgerSource = string | pg.Client;

export async function withSource<T>(
  source: LedgerSource,
  fn: (client: pg.Client, own: boolean) => Promise<T>,
): Promise<T> {
  if (typeof source !== 'string') return fn(source, false);
  const client = await connectClient(source);
  try {
    return await fn(client, true);
  } finally {
    await client.end().catch(() => undefined);
  }
}
