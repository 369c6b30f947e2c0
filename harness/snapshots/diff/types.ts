/**
 * A raw difference found by the structural diff. It says *what* differs and *where*, never whether
 * that breaks: judging is the rules' job (`../rules`).
 */
export type Scope =
  | 'request-body'
  | 'request-property'
  | 'request-parameter'
  | 'request-parameter-property'
  | 'request-header-property'
  | 'response-body'
  | 'response-property'
  | 'response-header'
  | 'response-header-property'
  | 'endpoint'
  | 'api';

export interface Delta {
  scope: Scope;
  /** Neutral name of the difference, e.g. `max-length-decreased`, `property-removed`. */
  change: string;
  path: string;
  method: string;
  pointer: string;
  /** What it is about: property path (`data/items/name`), parameter `query:limit`, status `409`… */
  subject: string;
  from?: unknown;
  to?: unknown;
  /** Extra facts the rules may use (required, readOnly, status, media type, parameter name…). */
  facts?: Record<string, unknown>;
}

/** Location of a schema inside an operation, used to turn schema differences into deltas. */
export interface SchemaSite {
  rootScope: Scope;
  nestedScope: Scope;
  path: string;
  method: string;
  pointer: string;
  subjectPrefix: string;
  /** Parameters: array `items` belong to the parameter itself, not to a nested property. */
  itemsKeepScope?: boolean;
  facts: Record<string, unknown>;
}
