import type { RunContext } from '../context.js';
import type { Exchange, Json } from '../types.js';

/** Error body shape every failure must have: {"error":{"code","message","requestId"}} with a stable code. */
export function errorCodeOf(json: unknown): string | undefined {
  if (json === null || typeof json !== 'object') return undefined;
  const err = (json as Json).error;
  if (err === null || typeof err !== 'object') return undefined;
  const code = (err as Json).code;
  return typeof code === 'string' ? code : undefined;
}

export function checkErrorEnvelope(ctx: RunContext, ex: Exchange): void {
  const { status, json } = ex.response;
  if (status < 400) return;
  ctx.ran('error-envelope');
  const problems: string[] = [];
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    problems.push('body is not a JSON object');
  else {
    const keys = Object.keys(json);
    if (keys.length !== 1 || keys[0] !== 'error')
      problems.push(`top-level members must be exactly ["error"], got ${JSON.stringify(keys.sort())}`);
    const err = (json as Json).error;
    if (err === null || typeof err !== 'object' || Array.isArray(err))
      problems.push('error is not an object');
    else {
      const e = err as Json;
      if (typeof e.code !== 'string' || !/^[a-z][a-z0-9_.-]*$/.test(e.code))
        problems.push('error.code must be a lower-case machine-readable string');
      if (typeof e.message !== 'string' || e.message.length === 0)
        problems.push('error.message must be a non-empty string');
      if (typeof e.requestId !== 'string' || e.requestId.length === 0)
        problems.push('error.requestId must be a non-empty string');
    }
  }
  for (const p of problems) ctx.fail('error-envelope', ex.op, `status ${status}: ${p}`);
}
