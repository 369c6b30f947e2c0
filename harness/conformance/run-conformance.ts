import { UsageError } from '../errors/index.js';
import {
  exampleInputs,
  finalize,
  freshKey,
  idempotencyParam,
  invalidInputs,
  toRequest,
  validInputs,
  type Inputs,
} from './build-requests.js';
import { CHECK_IDS, type CheckId } from './check-ids.js';
import { checkContentType } from './checks/content-type-documented.js';
import { checkErrorCodeStable } from './checks/error-code-stable.js';
import { checkErrorEnvelope } from './checks/error-envelope.js';
import { checkIdempotency } from './checks/idempotency.js';
import { checkInputOutcome } from './checks/input-outcome.js';
import { checkNoServerError } from './checks/no-server-error.js';
import { checkPaginationWalk } from './checks/pagination-walk.js';
import { checkResponseBody } from './checks/response-body.js';
import { checkResponseHeaders } from './checks/response-headers.js';
import { checkSignatureHeaders, keysFrom } from './checks/signature-header.js';
import { checkStatusDocumented } from './checks/status-documented.js';
import { RunContext } from './context.js';
import { listOperations } from './operations.js';
import { isKeySetOperation, paginationOf } from './profile.js';
import { SchemaValidator } from './schema/validator.js';
import type { Exchange, HttpClient, Json, Operation, Violation } from './types.js';

export const DEFAULT_SEED = 20261121;
export const DEFAULT_RUNS = 10;

export interface ConformanceOptions {
  doc: Json;
  version: '3.0' | '3.1';
  client: HttpClient;
  /** Bearer token with every scope, used for ordinary calls. */
  token: string;
  /** fast-check seed (fixed by default: the same run sends the same inputs). */
  seed?: number;
  /** Generated valid inputs per operation. */
  runs?: number;
}

export interface ConformanceResult {
  operations: { method: string; path: string; operationId: string }[];
  requests: number;
  violations: Violation[];
  /** Check id → times evaluated (0: skipped). */
  evaluated: Record<string, number>;
  skipped: Record<string, string>;
  seed: number;
  runs: number;
}

function checkResponse(ctx: RunContext, ex: Exchange): void {
  checkNoServerError(ctx, ex);
  if (!checkStatusDocumented(ctx, ex)) {
    checkInputOutcome(ctx, ex);
    return;
  }
  checkContentType(ctx, ex);
  checkResponseHeaders(ctx, ex);
  checkResponseBody(ctx, ex);
  checkErrorEnvelope(ctx, ex);
  checkInputOutcome(ctx, ex);
}

/** Creates before reads, so item operations can use ids the service handed out. */
function order(ops: Operation[]): Operation[] {
  return [...ops].sort((a, b) => Number(b.method === 'post') - Number(a.method === 'post'));
}

/** Runs every operation of the contract against the service and evaluates every check (DESIGN.md §2). */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceResult> {
  const seed = options.seed ?? DEFAULT_SEED;
  const runs = options.runs ?? DEFAULT_RUNS;
  const validator = new SchemaValidator(options.doc, options.version);
  const ctx = new RunContext(options.doc, validator, options.client, options.token, seed, runs);
  const ops = listOperations(options.doc);
  if (ops.length === 0)
    throw new UsageError(
      'the spec declares no operations: nothing to check (a run that verifies nothing is not a PASS)',
    );

  for (const op of order(ops)) {
    const planned: { origin: string; inputs: Inputs }[] = [];
    // Path examples name resources that may not exist here: only id-free examples must be accepted.
    const exampleOrigin = op.parameters.some((p) => p.in === 'path') ? 'example-with-path' : 'example';
    for (const ex of exampleInputs(ctx, op)) planned.push({ origin: exampleOrigin, inputs: ex });
    const valid = validInputs(ctx, op, runs);
    for (const v of valid) planned.push({ origin: 'valid', inputs: v });
    const base = valid[0] ?? exampleInputs(ctx, op)[0];
    if (base !== undefined) {
      const fixedBase = finalize(ctx, op, base, 0);
      for (const inv of invalidInputs(ctx, op, fixedBase))
        planned.push({ origin: `invalid ${inv.constraint}`, inputs: inv.inputs });
    }
    const idem = idempotencyParam(op);
    for (const [i, p] of planned.entries()) {
      let inputs = p.origin.startsWith('invalid') ? p.inputs : finalize(ctx, op, p.inputs, i);
      // Each invalid create gets its own key too, unless the key itself is what is invalid.
      if (
        p.origin.startsWith('invalid') &&
        idem !== undefined &&
        !p.origin.includes(idem.name) &&
        inputs.header[idem.name] !== undefined
      ) {
        inputs = {
          ...inputs,
          header: { ...inputs.header, [idem.name]: freshKey(ctx, idem, inputs.header[idem.name]) },
        };
      }
      await ctx.send(op, p.origin, toRequest(ctx, op, inputs));
    }
  }

  for (const op of ops) await checkIdempotency(ctx, op);
  const pages = ops.map((op) => paginationOf(options.doc, op)).filter((p) => p !== undefined);
  for (const p of pages) await checkPaginationWalk(ctx, p, ops);
  await checkErrorCodeStable(ctx, ops);

  // Every exchange so far (generated and stateful) is judged by the per-response checks.
  for (const ex of ctx.exchanges) checkResponse(ctx, ex);

  const keyOp = ops.find((op) => isKeySetOperation(options.doc, op));
  if (keyOp !== undefined) {
    const res = await ctx.send(
      keyOp,
      'stateful signature-header',
      toRequest(ctx, keyOp, { path: {}, query: {}, header: {} }),
    );
    if (res.status !== 200)
      ctx.fail(
        'signature-header',
        keyOp,
        `the key set answered ${res.status}: signatures cannot be verified (fail closed)`,
      );
    await checkSignatureHeaders(ctx, ctx.exchanges, keysFrom(res.json));
  } else if (
    ops.some((op) => op.responses.some((r) => Object.keys(r.headers).some((h) => /signature/i.test(h))))
  ) {
    ctx.ran('signature-header');
    ctx.fail(
      'signature-header',
      ops[0]!,
      'a signature header is documented but no operation publishes the key set (GET … {keys: [...]})',
    );
  }

  if (pages.length === 0) ctx.skip('pagination-walk', 'no cursor-paginated list operation in the spec');
  if (!ops.some((op) => idempotencyParam(op) !== undefined)) {
    ctx.skip('idempotency-replay', 'no operation takes an Idempotency-Key header');
    ctx.skip('idempotency-conflict', 'no operation takes an Idempotency-Key header');
  }
  if (!ops.some((op) => op.requestBody?.examples.length))
    ctx.skip('example-accepted', 'the spec has no request examples');
  const evaluated: Record<string, number> = {};
  const skipped: Record<string, string> = {};
  for (const id of CHECK_IDS) {
    evaluated[id] = ctx.evaluated.get(id as CheckId) ?? 0;
    if (evaluated[id] === 0)
      skipped[id] = ctx.skipReasons.get(id as CheckId) ?? 'nothing in this spec/service exercises it';
  }
  return {
    operations: ops.map((o) => ({ method: o.method, path: o.path, operationId: o.operationId })),
    requests: ctx.requests,
    violations: ctx.violations,
    evaluated,
    skipped,
    seed,
    runs,
  };
}
