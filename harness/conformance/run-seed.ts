import { runUserCode } from '../cli/user-code.js';
import { InfraError, UsageError } from '../errors/index.js';
import { knownKinds } from './conventions/resource-kinds.js';
import { listOperations } from './operations.js';
import type { ConformanceSubject, HttpClient, HttpMethod, HttpResponse, Json, SeedRequest } from './types.js';

/** tenant → resource kind → ids the subject's seed hook made for that tenant. */
export type SeededData = Record<string, Record<string, string[]>>;

const METHODS: readonly HttpMethod[] = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const seedError = (message: string, cause?: unknown) =>
  new InfraError('ERR_SERVICE', message, {
    ...(cause === undefined ? {} : { cause }),
    hint: "the subject's seed({ tenant, mintToken, request }) must resolve to { Kind: [ids] } (or nothing) and never exit the process; see docs/conformance.md",
  });

/**
 * Calls the subject's seed hook once per tenant, before any stateful data: user code under guard
 * (a throw, a process.exit() or a promise that never settles is exit 2 naming the hook, never a
 * PASS). Its requests go through the same client as conformance (real HTTP). What it returns must
 * name resource kinds of the contract: an unknown kind would silently seed nothing.
 */
export async function runSeeds(
  subject: ConformanceSubject,
  client: HttpClient,
  doc: Json,
  options: { timeoutMs: number },
): Promise<SeededData> {
  const seed = subject.seed;
  if (seed === undefined) return {};
  const { mintToken, tenants } = subject;
  if (mintToken === undefined || tenants === undefined || tenants.length === 0)
    throw new UsageError('a subject with a seed hook needs its tenants and mintToken', {
      hint: 'export tenants (the first one is the tenant of token) and mintToken(tenant, scopes) beside seed',
    });
  const kinds = [...knownKinds(doc, listOperations(doc)).keys()];
  const out: SeededData = {};
  for (const tenant of tenants) {
    const what = `seed hook for tenant ${tenant}`;
    const request = async (req: SeedRequest): Promise<HttpResponse> => {
      const method = String(req?.method ?? '').toLowerCase() as HttpMethod;
      if (!METHODS.includes(method) || typeof req.path !== 'string' || !req.path.startsWith('/'))
        // Method and path only: the headers would carry the token the hook minted.
        throw seedError(
          `${what}: request needs { method, path: '/…' }, got method ${JSON.stringify(req?.method)}, path ${JSON.stringify(req?.path)}`,
        );
      return client.send({
        method,
        path: req.path,
        query: { ...(req.query ?? {}) },
        headers: { ...(req.headers ?? {}) },
        ...(req.body !== undefined ? { body: req.body } : {}),
      });
    };
    const result = await runUserCode(
      () => seed({ tenant, mintToken: async (scopes) => String(await mintToken(tenant, scopes)), request }),
      { what, error: seedError, timeoutMs: options.timeoutMs },
    );
    out[tenant] = readResult(result, what, kinds);
  }
  return out;
}

function readResult(result: unknown, what: string, kinds: readonly string[]): Record<string, string[]> {
  if (result === undefined || result === null) return {};
  if (typeof result !== 'object' || Array.isArray(result))
    throw seedError(`${what} returned ${JSON.stringify(result)}: expected { Kind: [ids] }`);
  const out: Record<string, string[]> = {};
  for (const [kind, ids] of Object.entries(result as Record<string, unknown>)) {
    if (!kinds.includes(kind))
      throw seedError(
        `${what} returned ids of ${JSON.stringify(kind)}, which is no resource kind of the contract (kinds: ${kinds.join(', ') || 'none'})`,
      );
    if (
      !Array.isArray(ids) ||
      ids.some((id) => (typeof id !== 'string' || id === '') && typeof id !== 'number')
    )
      throw seedError(`${what} returned ${kind}: ${JSON.stringify(ids)}: expected an array of ids`);
    out[kind] = ids.map(String);
  }
  return out;
}

/** One line for the report: what the seed hook made, per tenant (counts, not ids: reports stay deterministic). */
export function describeSeeds(seeded: SeededData): string | undefined {
  const tenants = Object.keys(seeded);
  if (tenants.length === 0) return undefined;
  const per = tenants.map((t) => {
    const kinds = Object.entries(seeded[t]!).map(([k, ids]) => `${k} ×${ids.length}`);
    return `${t}: ${kinds.join(', ') || 'nothing'}`;
  });
  return `seed hook: ${per.join('; ')}`;
}
