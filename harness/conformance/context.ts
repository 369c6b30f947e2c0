import type { CheckId } from './check-ids.js';
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
  requests = 0;
  private keyCounter = 0;

  constructor(
    readonly doc: Json,
    readonly validator: SchemaValidator,
    readonly client: HttpClient,
    readonly token: string,
    readonly seed: number,
    readonly runs: number,
  ) {}

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

  async send(op: Operation, origin: string, request: HttpRequest): Promise<HttpResponse> {
    this.requests += 1;
    const response = await this.client.send(request);
    const exchange = { op, origin, request, response };
    this.exchanges.push(exchange);
    harvestIds(response, this.ids);
    return response;
  }
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
