import type { Report } from '../report/index.js';
import { finalize } from './finalize.js';
import type { ShardState } from './shard-state.js';
import type { LogSource } from './source.js';
import { verifyShard, type VerifyOptions } from './verify-shard.js';

/** Verifies a whole log (or one shard of it) and returns the report, or the shard state to merge. */
export async function verifyLog(
  source: LogSource,
  options: VerifyOptions = {},
): Promise<{ state: ShardState; report?: Report }> {
  const state = await verifyShard(source, options);
  if ((options.shard?.count ?? 1) > 1) return { state };
  return { state, report: finalize([state]) };
}
