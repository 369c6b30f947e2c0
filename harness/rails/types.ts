import type { ConventionsConfig } from '../conformance/conventions/types.js';
import type { HttpClient, Json, Violation } from '../conformance/types.js';

export interface RailsOptions {
  doc: Json;
  version: '3.0' | '3.1';
  client: HttpClient;
  /** Mints a bearer token for a tenant with exactly these scopes. */
  mintToken(tenant: string, scopes: readonly string[]): Promise<string> | string;
  /** Every scope the service knows (the top of the lattice). */
  scopes: readonly string[];
  /** Two distinct tenants: A acts, B owns the data A must never see. */
  tenants: readonly [string, string];
  /** operationId → required scopes, when the spec does not say (else the spec's own). */
  requiredScopes?: Readonly<Record<string, readonly string[] | null>>;
  /** fast-check seed (printed with every failure) and runs per property. */
  seed: number;
  numRuns?: number;
  /** `conformance.conventions` from the config. */
  conventions?: ConventionsConfig;
  /** tenant → resource kind → ids the subject's seed hook made (kinds the API cannot create). */
  seeded?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

export interface RailsResult {
  violations: Violation[];
  evaluated: Record<string, number>;
  skipped: Record<string, string>;
}
