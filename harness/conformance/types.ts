import type { Server, RequestListener } from 'node:http';

/** Plain JSON object as it sits in a bundled OpenAPI document. */
export type Json = Record<string, unknown>;

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';

/** One parameter after $ref resolution (OAS 3.1 §4.8.12). */
export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: Json;
  pointer: string;
  example?: unknown;
}

/** One declared response (OAS 3.1 §4.8.17): status key is `200`, `4XX` or `default`. */
export interface ResponseSpec {
  status: string;
  pointer: string;
  /** media type → schema (undefined when the media type has no schema) */
  /** media type → schema and the documented examples (OAS 3.1 §4.8.14 example / examples). */
  content: Record<string, { schema: Json | undefined; pointer: string; examples: unknown[] }>;
  headers: Record<string, { required: boolean; schema: Json | undefined; pointer: string }>;
}

/** One operation of the contract, with everything resolved that the checks need. */
export interface Operation {
  method: HttpMethod;
  path: string;
  operationId: string;
  pointer: string;
  parameters: Parameter[];
  requestBody?: { required: boolean; mediaType: string; schema: Json; examples: unknown[]; pointer: string };
  responses: ResponseSpec[];
  /** Security alternatives; each maps scheme name → scopes. Empty array: no auth. */
  security: Record<string, string[]>[];
  /** Scopes the operation documents as required: security requirement scopes, else `x-required-scopes`, else "Requires scope `x`" in its description. */
  scopes: string[];
}

/** What the checks see of one request/response pair. */
export interface Exchange {
  op: Operation;
  /** How the input was made: example | valid | invalid:<constraint> | stateful:<check>. */
  origin: string;
  request: HttpRequest;
  response: HttpResponse;
}

export interface HttpRequest {
  method: HttpMethod;
  /** Concrete path with parameters filled in, no query string. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: unknown;
}

export interface HttpResponse {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** The exact body bytes (signatures are over these, never a re-serialization). */
  raw: Buffer;
  /** Parsed JSON body, or undefined when the body is not JSON. */
  json: unknown;
  jsonError?: string;
}

/** Sends requests to the service: an app through supertest, or a base URL. */
export interface HttpClient {
  send(request: HttpRequest): Promise<HttpResponse>;
  /** Human description for the report (never a random port). */
  describe: string;
}

/** A principal the rails can act as. */
export interface Principal {
  tenant: string;
  scopes: readonly string[];
  token: string;
}

/**
 * What an app factory module returns (`--app module#export`). `app` is a node:http request listener
 * or server (Express, Koa's `callback()` fit), or a Fastify-like instance (proofgate awaits `ready()`). Tokens are bearer tokens.
 */
export interface ConformanceSubject {
  app?: RequestListener | Server | { ready(): unknown; server: Server };
  /** A staging URL instead of an app. */
  baseUrl?: string;
  /** A token with every scope for tenant A: used for ordinary calls. */
  token: string;
  /** Every scope the service knows (the top of the scope lattice). */
  scopes?: readonly string[];
  /** At least two tenants for the tenant-isolation rail. */
  tenants?: readonly string[];
  /** operationId → scopes it needs (null: no token); overrides what the spec documents. */
  requiredScopes?: Readonly<Record<string, readonly string[] | null>>;
  /** Where the subject runs, for the report (never a random port). */
  describe?: string;
  /** Mints a token for a tenant and a set of scopes (needed by the rails). */
  mintToken?(tenant: string, scopes: readonly string[]): Promise<string> | string;
  /**
   * Creates fixtures the API cannot create itself, once per tenant before any stateful data: e.g.
   * plans only an admin route can make. Returns the ids it made by resource kind (`{ Plan: [...] }`);
   * they are used like ids the API handed out (path parameters, references, tenant-isolation probes).
   */
  seed?(args: SeedArgs): Promise<SeedResult | void> | SeedResult | void;
  close?(): Promise<void>;
}

/** What a subject's `seed` hook gets: its tenant, a token minter for it, and real HTTP to the app. */
export interface SeedArgs {
  tenant: string;
  /** A bearer token of this tenant with exactly these scopes (the subject's own mintToken). */
  mintToken(scopes: readonly string[]): Promise<string>;
  /** Sends through the app under test (the same client as conformance); no headers are added. */
  request(req: SeedRequest): Promise<HttpResponse>;
}

export interface SeedRequest {
  method: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Resource kind (component schema name, as the report prints it) → ids the seed made. */
export type SeedResult = Record<string, readonly string[]>;

export type SubjectFactory = (options?: { variant?: string }) => Promise<ConformanceSubject>;

/** One violation seen by a check, before it becomes a report finding. */
export interface Violation {
  check: string;
  method: string;
  path: string;
  message: string;
  pointer?: string;
}
