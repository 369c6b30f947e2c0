import { resolve } from 'node:path';
import type { LoadedConfig } from '../config/index.js';
import type { ApiVerdict } from './types.js';

interface CheckOpenApiModule {
  checkOpenApi(o: {
    base: string;
    candidate: string;
    date: string;
    exceptions?: string | undefined;
  }): Promise<{ verdict: ApiVerdict }>;
}

/**
 * check-openapi's verdict for openapi.candidate vs openapi.base (default contracts/v1/openapi.yaml),
 * through the library (harness/openapi). Returns a reason instead when it cannot be known.
 */
export async function apiVerdictFromConfig(
  loaded: LoadedConfig,
  date: string,
): Promise<{ verdict: ApiVerdict } | { unknown: string }> {
  const o = loaded.config.openapi ?? {};
  if (o.candidate === undefined) return { unknown: 'openapi.candidate is not configured' };
  let mod: CheckOpenApiModule;
  try {
    const spec = '../openapi/check-openapi.js';
    mod = (await import(spec)) as CheckOpenApiModule;
  } catch (e) {
    return { unknown: `the OpenAPI checker is not available: ${(e as Error).message}` };
  }
  const result = await mod.checkOpenApi({
    base: resolve(loaded.dir, o.base ?? 'contracts/v1/openapi.yaml'),
    candidate: resolve(loaded.dir, o.candidate),
    date,
    ...(o.exceptions === undefined ? {} : { exceptions: resolve(loaded.dir, o.exceptions) }),
  });
  return { verdict: result.verdict };
}
