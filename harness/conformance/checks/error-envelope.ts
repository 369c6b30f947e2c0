import type { RunContext } from '../context.js';
import { getPointer } from '../pointer.js';
import type { Exchange, Json } from '../types.js';

/** The reference envelope's code (`/error/code`): kept for callers that read proofgate's own envelope. */
export function errorCodeOf(json: unknown): string | undefined {
  const code = getPointer(json, '/error/code');
  return typeof code === 'string' ? code : undefined;
}

/**
 * Every 4xx/5xx body follows the contract's error model (conventions.errors): an RFC 9457 problem
 * (`type`, `title`, `status` equal to the HTTP status) or a custom envelope; either way the error's
 * identity is a non-empty string at its JSON pointer. proofgate's own `{"error":{code,message,requestId}}`
 * envelope keeps its stricter rules.
 */
export function checkErrorEnvelope(ctx: RunContext, ex: Exchange): void {
  const { status, json } = ex.response;
  const model = ctx.conventions.errors;
  if (status < 400 || model === undefined) return;
  ctx.ran('error-envelope');
  const problems: string[] = [];
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    problems.push('body is not a JSON object');
  else if (model.kind === 'envelope' && model.identity === '/error/code')
    problems.push(...referenceEnvelope(json as Json));
  else {
    const id = ctx.errorId(json);
    if (id === undefined || id === '') problems.push(`no error identity at ${model.identity}`);
    if (model.kind === 'problem+json') {
      const p = json as Json;
      if (typeof p.title !== 'string' && p.title !== undefined)
        problems.push('title must be a string (RFC 9457 §3.1.3)');
      if (p.status !== undefined && p.status !== status)
        problems.push(
          `status member ${JSON.stringify(p.status)} differs from the HTTP status (RFC 9457 §3.1.2)`,
        );
    }
  }
  for (const p of problems) ctx.fail('error-envelope', ex.op, `status ${status}: ${p}`);
}

function referenceEnvelope(json: Json): string[] {
  const problems: string[] = [];
  const keys = Object.keys(json);
  if (keys.length !== 1 || keys[0] !== 'error')
    problems.push(`top-level members must be exactly ["error"], got ${JSON.stringify(keys.sort())}`);
  const err = json.error;
  if (err === null || typeof err !== 'object' || Array.isArray(err)) problems.push('error is not an object');
  else {
    const e = err as Json;
    if (typeof e.code !== 'string' || !/^[a-z][a-z0-9_.-]*$/.test(e.code))
      problems.push('error.code must be a lower-case machine-readable string');
    if (typeof e.message !== 'string' || e.message.length === 0)
      problems.push('error.message must be a non-empty string');
    if (typeof e.requestId !== 'string' || e.requestId.length === 0)
      problems.push('error.requestId must be a non-empty string');
  }
  return problems;
}
