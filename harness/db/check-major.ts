import type { Finding } from '../report/index.js';
import type { PostgresHandle } from './types.js';

export const DEFAULT_TARGET_MAJOR = 15;

/**
 * DESIGN.md §4: the rehearsal must run on the production major. Returns an error-level
 * `postgres-major-mismatch` finding (→ FAIL) when the server's major differs, else undefined.
 */
export function checkPostgresMajor(
  handle: Pick<PostgresHandle, 'provider' | 'serverVersion' | 'major'>,
  targetMajor: number = DEFAULT_TARGET_MAJOR,
): Finding | undefined {
  if (handle.major === targetMajor) return undefined;
  return {
    id: 'postgres-major-mismatch',
    level: 'error',
    message: `the ${handle.provider} Postgres is ${handle.serverVersion} (major ${handle.major}), but the target major is ${targetMajor}; results would not hold for production`,
  };
}
