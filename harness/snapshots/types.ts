/** A whole OpenAPI document as one plain JSON object (the loader's `LoadedSpec.doc`). */
export type { OpenApiDocument } from '../openapi/index.js';

export type ChangeClass = 'breaking' | 'additive' | 'non-breaking';

/** One judged difference. `path`/`method` are '' for document-level changes. */
export interface Change {
  id: string;
  class: ChangeClass;
  path: string;
  method: string;
  /** JSON pointer into the candidate (into the base for removals). */
  pointer: string;
  message: string;
  /**
   * A change inside a shared component (`pointer` under `/components/`) that more than one place
   * uses: the place in this operation that reaches it, and every use of that kind (operation +
   * place, this one included), sorted. Findings of one component share the same array.
   */
  where?: string;
  uses?: readonly ChangeUse[];
}

/** One use of a shared component by an operation. */
export interface ChangeUse {
  method: string;
  path: string;
  /** e.g. `response 404 application/problem+json`, `request body application/json`. */
  where: string;
  /** Where that use's schema sits in the candidate. */
  pointer: string;
}

export interface DiffOptions {
  /** YYYY-MM-DD; lifecycle rules (sunset) compare against it. Without it: no date-dependent findings. */
  date?: string;
}

export interface RuleInfo {
  id: string;
  class: ChangeClass;
  family: string;
  rationale: string;
}
