import type { CheckId } from './check-ids.js';
import { errorIdOf } from './conventions/error-id.js';
import { kindsInResponse } from './conventions/resource-kinds.js';
import type { Conventions } from './conventions/types.js';
import type { SchemaValidator } from './schema/validator.js';
import type { Exchange, HttpClient, HttpRequest, HttpResponse, Json, Operation, Violation } from './types.js';

/** Shared state of one conformance run: what the checks read and where they record results. */
export class RunContext {
  readonly violations: Violation[] = [];
  /** How many times each check was evaluated: a check never evaluated is reported as skipped. */
  readonly evaluated = new Map<CheckId, number>();
  readonly skipReasons = new Map<CheckId, string>();
  readonly exchanges: Exchange[] = [];
  /** Resource ids seen in 2xx bodies, in first-seen order (used to fill path parameters). */
  readonly ids: string[] = [];
  /** Resource kind (component schema name) → ids of that kind the service handed out and still has. */
  readonly idsByKind = new Map<string, string[]>();
  /** Ids a 2xx DELETE removed: requests naming them cannot be repeated for the same answer. */
  readonly deleted = new Set<string>();
  /** `METHOD /path` → statuses answered, and how many bodies were validated against a schema. */
  readonly coverage = new Map<string, { statuses: Set<number>; validated: number }>();
  requests = 0;
  private keyCounter = 0;

  constructor(
    readonly doc: Json,
    readonly validator: SchemaValidator,
    readonly client: HttpClient,
    /** Bearer token for ordinary calls (the rails set it per tenant). */
    public token: string,
    readonly seed: number,
    readonly runs: number,
    readonly conventions: Conventions,
  ) {}

  /** The stable identity of an error body (the error model's JSON pointer), e.g. a problem `type`. */
  errorId(json: unknown): string | undefined {
    return errorIdOf(json, this.conventions.errors);
  }

  covered(op: Pick<Operation, 'method' | 'path'>): { statuses: Set<number>; validated: number } {
    const key = `${op.method.toUpperCase()} ${op.path}`;
    let c = this.coverage.get(key);
    if (c === undefined) {
      c = { statuses: new Set(), validated: 0 };
      this.coverage.set(key, c);
    }
    return c;
  }

  idsOf(kind: string): string[] {
    return this.idsByKind.get(kind) ?? [];
  }

  /** Files ids made outside the API (the subject's seed hook) under their kind, as if the API had handed them out. */
  adopt(seeded: Readonly<Record<string, readonly string[]>>): void {
    for (const [kind, ids] of Object.entries(seeded).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const list = this.idsByKind.get(kind) ?? [];
      for (const id of ids) {
        if (!list.includes(id)) list.push(id);
        if (!this.ids.includes(id)) this.ids.push(id);
      }
      this.idsByKind.set(kind, list);
    }
  }

  ran(check: CheckId, times = 1): void {
    this.evaluated.set(check, (this.evaluated.get(check) ?? 0) + times);
  }

  skip(check: CheckId, reason: string): void {
    if (!this.skipReasons.has(check)) this.skipReasons.set(check, reason);
  }

  fail(check: CheckId, op: Pick<Operation, 'method' | 'path'>, message: string, pointer?: string): void {
    this.violations.push({
      check,
      method: op.method,
      path: op.path,
      message,
      ...(pointer !== undefined ? { pointer } : {}),
    });
  }

  /** A fresh deterministic idempotency key per request (the seed keeps runs apart on a shared staging host). */
  nextKey(): string {
    this.keyCounter += 1;
    return `pgk-${this.seed.toString(36)}-${Date.now().toString(36)}-${String(this.keyCounter).padStart(5, '0')}`;
  }

  /** `file: false` for probes whose answers must not count as this tenant's resources (a leaked id is not ours). */
  async send(
    op: Operation,
    origin: string,
    request: HttpRequest,
    options: { file?: boolean } = {},
  ): Promise<HttpResponse> {
    this.requests += 1;
    const response = await this.client.send(request);
    const exchange = { op, origin, request, response };
    this.exchanges.push(exchange);
    this.covered(op).statuses.add(response.status);
    if (options.file === false) return response;
    harvestIds(response, this.ids);
    this.file(op, request, response);
    return response;
  }

  /** Files the ids of a 2xx body under their kind; a 2xx DELETE takes its path ids out. */
  private file(op: Operation, request: HttpRequest, res: HttpResponse): void {
    if (res.status < 200 || res.status > 299) return;
    if (op.method === 'delete') {
      for (const seg of request.path.split('/')) this.deleted.add(decodeURIComponent(seg));
      for (const list of this.idsByKind.values())
        for (const seg of request.path.split('/')) {
          const i = list.indexOf(decodeURIComponent(seg));
          if (i >= 0) list.splice(i, 1);
        }
      return;
    }
    const kinds = kindsInResponse(this.doc, op, res.status);
    if (kinds === undefined || !isJson(res.json)) return;
    const items = kinds.items === undefined ? [res.json] : res.json[kinds.items];
    const list = this.idsByKind.get(kinds.kind) ?? [];
    for (const it of Array.isArray(items) ? items : []) {
      const id = isJson(it) ? it.id : undefined;
      if ((typeof id === 'string' || typeof id === 'number') && !list.includes(String(id)))
        list.push(String(id));
    }
    this.idsByKind.set(kinds.kind, list);
  }
}

function isJson(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function harvestIds(res: HttpResponse, ids: string[]): void {
  if (res.status < 200 || res.status > 299 || res.json === null || typeof res.json !== 'object') return;
  const add = (v: unknown): void => {
    if (v !== null && typeof v === 'object' && typeof (v as Json).id === 'string') {
      const id = (v as Json).id as string;
      if (!ids.includes(id)) ids.push(id);
    }
  };
  add(res.json);
  for (const value of Object.values(res.json as Json)) if (Array.isArray(value)) value.forEach(add);
}
