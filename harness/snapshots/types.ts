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
