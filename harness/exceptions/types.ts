/** One reviewed entry of an accepted-exceptions file (DESIGN.md §1). */
export interface AcceptedException {
  /** Rule id of the change it accepts, e.g. `response-property-removed`. */
  id: string;
  /** `GET /v1/proofs` (method upper-case), `/v1/proofs` for a path-level change, or `*` (document level). */
  operation: string;
  /** JSON pointer of the change, exactly as the report prints it. */
  pointer: string;
  reason: string;
  approver: string;
  /** YYYY-MM-DD; the entry is valid through that day (UTC) and expired the day after. */
  expires: string;
  /** Position in the file, for messages: `#/exceptions/<index>`. */
  index: number;
}

export interface ExceptionsFile {
  file: string;
  entries: AcceptedException[];
}

/** The fields of a change that exceptions match on (a `Change` from harness/snapshots). */
export interface ChangeKey {
  id: string;
  class: string;
  path: string;
  method: string;
  pointer: string;
}

export type ExceptionStatus = 'applied' | 'expired' | 'unused';

export interface ExceptionOutcome {
  entry: AcceptedException;
  status: ExceptionStatus;
  /** Indexes (into the changes array) of the breaking changes this entry accepted. */
  accepted: number[];
  /** Why an entry is unused: nothing matched, or only a change that is not breaking. */
  detail?: string;
}
