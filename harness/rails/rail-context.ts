import fc from 'fast-check';
import {
  exampleInputs,
  finalize,
  requiredParams,
  toRequest,
  validInputs,
  type Inputs,
} from '../conformance/build-requests.js';
import { RunContext } from '../conformance/context.js';
import { listOperations, needsAuth } from '../conformance/operations.js';
import { SchemaValidator } from '../conformance/schema/validator.js';
import type { HttpResponse, Operation } from '../conformance/types.js';
import { resolveConventions } from '../conformance/conventions/resolve-conventions.js';
import type { Conventions } from '../conformance/conventions/types.js';
import { ensureReferences } from '../conformance/ensure-references.js';
import type { RailsOptions } from './types.js';

/** Shared by the rails: operations, a token cache, and one prepared valid request per operation. */
export class RailContext {
  readonly ops: Operation[];
  readonly run: RunContext;
  private readonly tokens = new Map<string, Promise<string>>();

  readonly conventions: Conventions;
  private readonly validator: SchemaValidator;
  private readonly perTenant = new Map<string, RunContext>();

  constructor(readonly options: RailsOptions) {
    this.validator = new SchemaValidator(options.doc, options.version);
    this.ops = listOperations(options.doc);
    this.conventions = resolveConventions(options.doc, this.ops, options.conventions);
    this.run = new RunContext(
      options.doc,
      this.validator,
      options.client,
      '',
      options.seed,
      1,
      this.conventions,
    );
    this.run.adopt(options.seeded?.[options.tenants[0]] ?? {});
  }

  /** Per secured operation: an input the service answered 2xx with every scope (see prepare). */
  private readonly good = new Map<Operation, Inputs>();

  /**
   * Tenant A's data first: every operation can then be called with ids that exist (and are A's).
   * Then, per secured operation, the first input (the spec's examples, then generated ones) that
   * every scope gets a 2xx for: the rails ask whether fewer scopes are refused on a request that
   * can succeed, never on one that fails anyway.
   */
  async prepare(): Promise<void> {
    const [tenantA] = this.options.tenants;
    this.run.token = await this.token(tenantA, this.options.scopes);
    for (const op of this.ops) await ensureReferences(this.run, this.ops, op, { origin: 'rail setup' });
    const ordered = [...this.securedOps()].sort(
      (a, b) => Number(a.method === 'delete') - Number(b.method === 'delete'),
    );
    for (const op of ordered) {
      const candidates = [...exampleInputs(this.run, op), ...validInputs(this.run, op, 3)].map((c) =>
        this.withoutOptionalQuery(op, c),
      );
      for (const base of candidates) {
        const res = await this.run.send(
          op,
          'rail setup',
          toRequest(this.run, op, finalize(this.run, op, base, 0)),
        );
        if (res.status >= 200 && res.status < 300) {
          this.good.set(op, base);
          break;
        }
      }
    }
  }

  /** True when some input of this operation was answered 2xx with every scope during setup. */
  exercised(op: Operation): boolean {
    return this.good.has(op);
  }

  private withoutOptionalQuery(op: Operation, inputs: Inputs): Inputs {
    return { ...inputs, query: requiredParams(op, 'query', inputs.query) };
  }

  /**
   * A run context of its own per tenant: ids are filed per tenant, so a tenant's requests refer only
   * to its own resources (an invoice of tenant B names tenant B's customer). Findings go to `run`.
   */
  async runFor(tenant: string): Promise<RunContext> {
    let ctx = this.perTenant.get(tenant);
    if (ctx === undefined) {
      ctx = new RunContext(
        this.options.doc,
        this.validator,
        this.options.client,
        await this.token(tenant, this.options.scopes),
        this.options.seed,
        1,
        this.conventions,
      );
      ctx.adopt(this.options.seeded?.[tenant] ?? {});
      this.perTenant.set(tenant, ctx);
    }
    return ctx;
  }

  get numRuns(): number {
    return this.options.numRuns ?? 12;
  }

  token(tenant: string, scopes: readonly string[]): Promise<string> {
    const key = `${tenant}\u0000${[...scopes].sort().join(' ')}`;
    let t = this.tokens.get(key);
    if (t === undefined) {
      t = Promise.resolve(this.options.mintToken(tenant, [...scopes].sort()));
      this.tokens.set(key, t);
    }
    return t;
  }

  /** Scopes the operation needs: the caller's table first, then the spec. */
  required(op: Operation): string[] | null {
    const given = this.options.requiredScopes?.[op.operationId];
    if (given !== undefined) return given === null ? null : [...given];
    if (!needsAuth(op)) return null;
    return op.scopes;
  }

  securedOps(): Operation[] {
    return this.ops.filter((op) => this.required(op) !== null && needsAuth(op));
  }

  /**
   * A valid input set for the operation (path ids from what the service handed out): the one every
   * scope got a 2xx for, else a generated one. Optional query parameters are left out: a generated
   * page token is valid by schema but names no page, and the rails ask whether a token is allowed,
   * not whether a random query is.
   */
  inputs(op: Operation, index = 0): Inputs {
    const base = this.good.get(op) ??
      validInputs(this.run, op, index + 1)[index] ??
      validInputs(this.run, op, 1)[0] ?? { path: {}, query: {}, header: {} };
    return finalize(this.run, op, this.withoutOptionalQuery(op, base), index);
  }

  async send(op: Operation, origin: string, inputs: Inputs, token: string | null): Promise<HttpResponse> {
    return this.run.send(op, origin, toRequest(this.run, op, inputs, token));
  }
}

/** Runs a fast-check property; a failure comes back as text carrying the seed and the replay path. */
export async function checkProperty<T>(
  rc: RailContext,
  arb: fc.Arbitrary<T>,
  predicate: (value: T) => Promise<string | undefined>,
  options: { numRuns?: number; examples?: T[] } = {},
): Promise<string | undefined> {
  let last: string | undefined;
  const details = await fc.check(
    fc.asyncProperty(arb, async (v) => {
      const problem = await predicate(v);
      if (problem !== undefined) last = problem;
      return problem === undefined;
    }),
    {
      seed: rc.options.seed,
      numRuns: options.numRuns ?? rc.numRuns,
      ...(options.examples !== undefined ? { examples: options.examples.map((e) => [e] as [T]) } : {}),
    },
  );
  if (!details.failed) return undefined;
  return `${last ?? 'property failed'} (fast-check seed ${details.seed}, path ${details.counterexamplePath ?? '-'}; rerun with --seed ${details.seed})`;
}
