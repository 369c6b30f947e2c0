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
import { describeConventions, resolveConventions } from './conventions/resolve-conventions.js';
import type { ConventionsConfig } from './conventions/types.js';
import { ensureReferences, referencedKinds } from './ensure-references.js';
import { paginationOf } from './profile.js';
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
  /** `conformance.conventions` from the config (overrides the contract's x-proofgate-conventions and inference). */
  conventions?: ConventionsConfig;
  /** Ids the subject's seed hook made for the token's tenant, by resource kind. */
  seeded?: Readonly<Record<string, readonly string[]>>;
}

/** Per operation: the statuses it answered and how many bodies were validated against a schema. */
export interface OperationCoverage {
  operation: string;
  statuses: number[];
  validatedBodies: number;
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
  /** The conventions used, one line each (printed in the report). */
  conventions?: string[];
  coverage?: OperationCoverage[];
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

/**
 * Creates first (a create whose body names another kind after that kind's create), reads and
 * updates next, deletes last: item operations use ids the service handed out, and deletes do not
 * take them away before the others ran.
 */
function order(ctx: RunContext, ops: Operation[]): Operation[] {
  const rank = (op: Operation): number => (op.method === 'post' ? 0 : op.method === 'delete' ? 2 : 1);
  const deps = new Map(ops.map((op) => [op, op.method === 'post' ? referencedKinds(ctx, op).length : 0]));
  return [...ops].sort((a, b) => rank(a) - rank(b) || deps.get(a)! - deps.get(b)!);
}

/** Runs every operation of the contract against the service and evaluates every check (DESIGN.md §2). */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceResult> {
  const seed = options.seed ?? DEFAULT_SEED;
  const runs = options.runs ?? DEFAULT_RUNS;
  const validator = new SchemaValidator(options.doc, options.version);
  const ops = listOperations(options.doc);
  if (ops.length === 0)
    throw new UsageError(
      'the spec declares no operations: nothing to check (a run that verifies nothing is not a PASS)',
    );
  const conventions = resolveConventions(options.doc, ops, options.conventions);
  const ctx = new RunContext(options.doc, validator, options.client, options.token, seed, runs, conventions);
  if (options.seeded !== undefined) ctx.adopt(options.seeded);

  for (const op of order(ctx, ops)) {
    // What the request refers to exists first (an invoice's customer, a nested list's parent).
    await ensureReferences(ctx, ops, op);
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
    const idem = idempotencyParam(ctx, op);
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
  const pages = ops.map((op) => paginationOf(ctx, op)).filter((p) => p !== undefined);
  for (const p of pages) await checkPaginationWalk(ctx, p, ops);
  await checkErrorCodeStable(ctx, ops);

  // Every exchange so far (generated and stateful) is judged by the per-response checks.
  for (const ex of ctx.exchanges) checkResponse(ctx, ex);

  const keySet = conventions.signature?.keySet;
  const keyOp = keySet === undefined ? undefined : ops.find((op) => op.operationId === keySet);
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
  } else if (conventions.signature !== undefined) {
    ctx.ran('signature-header');
    ctx.fail(
      'signature-header',
      ops[0]!,
      `responses document a ${conventions.signature.scheme} signature (${conventions.signature.header}) but no operation publishes the key set (GET … {keys: [...]}, or set conformance.conventions.signature.keySet)`,
    );
  }

  // Coverage: an operation that documents a 2xx and never answered one was not tested, whatever passed.
  const coverage: OperationCoverage[] = [];
  for (const op of ops) {
    const c = ctx.covered(op);
    coverage.push({
      operation: `${op.method.toUpperCase()} ${op.path}`,
      statuses: [...c.statuses].sort((a, b) => a - b),
      validatedBodies: c.validated,
    });
    if (!op.responses.some((r) => /^2/.test(r.status))) continue;
    ctx.ran('operation-not-exercised');
    if (![...c.statuses].some((s) => s >= 200 && s <= 299))
      ctx.fail(
        'operation-not-exercised',
        op,
        `documents ${op.responses
          .filter((r) => /^2/.test(r.status))
          .map((r) => r.status)
          .join(
            ', ',
          )} but never answered 2xx (answered: ${[...c.statuses].sort().join(', ') || 'nothing'}); its success path was not tested`,
        `${op.pointer}/responses`,
      );
  }

  for (const [id, reason] of Object.entries(conventions.notApplicable)) ctx.skip(id as CheckId, reason);
  if (!ops.some((op) => op.requestBody?.examples.length))
    ctx.skip('example-accepted', 'the spec has no request examples');
  // A check configured as not applicable is reported as such, never as passed or failed.
  const configuredNa = Object.keys(conventions.notApplicable).filter((id) =>
    conventions.notApplicable[id]!.startsWith('configured:'),
  );
  const evaluated: Record<string, number> = {};
  const skipped: Record<string, string> = {};
  for (const id of CHECK_IDS) {
    evaluated[id] = configuredNa.includes(id) ? 0 : (ctx.evaluated.get(id as CheckId) ?? 0);
    if (evaluated[id] === 0)
      skipped[id] = ctx.skipReasons.get(id as CheckId) ?? 'nothing in this spec/service exercises it';
  }
  return {
    operations: ops.map((o) => ({ method: o.method, path: o.path, operationId: o.operationId })),
    requests: ctx.requests,
    violations: ctx.violations.filter((v) => !configuredNa.includes(v.check)),
    evaluated,
    skipped,
    seed,
    runs,
    conventions: describeConventions(conventions),
    coverage,
  };
}
