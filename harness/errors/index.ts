// Errors are a class family with a string-union `code` (after panva/jose), so callers and tests
// match on `code`, never on messages. Every error is a usage/input/infrastructure problem (exit 2);
// a contract or trust violation is never thrown: it is a finding in a FAIL report (exit 1).

export type ErrorCode =
  | 'ERR_USAGE' // bad flags or arguments
  | 'ERR_CONFIG' // config file missing, unreadable or invalid
  | 'ERR_INPUT' // an input file is missing or unreadable
  | 'ERR_SPEC_PARSE' // invalid YAML/JSON
  | 'ERR_SPEC_INVALID' // not an OpenAPI 3.0/3.1 document
  | 'ERR_SPEC_UNSUPPORTED' // e.g. Swagger 2.0
  | 'ERR_SPEC_TOO_LARGE' // over the size limit
  | 'ERR_SPEC_ALIAS_BOMB' // YAML alias expansion over the limit
  | 'ERR_SPEC_REF' // dangling, remote or escaping $ref
  | 'ERR_EXCEPTIONS' // accepted-exceptions file invalid
  | 'ERR_BUNDLE' // proof bundle malformed
  | 'ERR_REPORT' // a report given to merge/compare is malformed or mismatched
  | 'ERR_DATABASE' // database unreachable, connection dropped, unexpected state
  | 'ERR_PROVIDER' // no Postgres provider could start
  | 'ERR_MIGRATION' // a migration could not be read or applied
  | 'ERR_RELEASE' // a release folder or artifact is malformed
  | 'ERR_SERVICE' // the service under test could not be started or reached
  | 'ERR_MISSING_PEER' // an optional package a feature needs (vitest, testcontainers) is not installed
  | 'ERR_STARTUP_GUARD' // the release artifact / environment is unsafe: the service refuses to start
  | 'ERR_OUTPUT' // an output cannot be written: disk full, read-only, permission denied, folder locked
  | 'ERR_USER_EXIT' // user code run by proofgate (a service, handler, timer) called process.exit()
  | 'ERR_INTERNAL'; // a bug in proofgate: still exit 2, never PASS

export class ProofgateError extends Error {
  readonly code: ErrorCode;
  /** Process exit code for this error: always 2 (usage, input or infrastructure). */
  readonly exitCode = 2 as const;
  /** What the user should do about it, printed under the message. */
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options?: { hint?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = options?.hint;
  }
}

export class UsageError extends ProofgateError {
  constructor(message: string, options?: { hint?: string; cause?: unknown }) {
    super('ERR_USAGE', message, options);
  }
}

export class ConfigError extends ProofgateError {
  constructor(message: string, options?: { hint?: string; cause?: unknown }) {
    super('ERR_CONFIG', message, options);
  }
}

/** A problem with an input document: the file and JSON pointer are part of the message. */
export class InputError extends ProofgateError {
  readonly file: string | undefined;
  readonly pointer: string | undefined;
  constructor(
    code: Extract<
      ErrorCode,
      | 'ERR_INPUT'
      | 'ERR_SPEC_PARSE'
      | 'ERR_SPEC_INVALID'
      | 'ERR_SPEC_UNSUPPORTED'
      | 'ERR_SPEC_TOO_LARGE'
      | 'ERR_SPEC_ALIAS_BOMB'
      | 'ERR_SPEC_REF'
      | 'ERR_EXCEPTIONS'
      | 'ERR_BUNDLE'
      | 'ERR_REPORT'
      | 'ERR_RELEASE'
    >,
    message: string,
    options?: { file?: string; pointer?: string; hint?: string; cause?: unknown },
  ) {
    const where = [options?.file, options?.pointer === undefined ? undefined : `#${options.pointer}`]
      .filter((s) => s !== undefined)
      .join(' ');
    super(code, where ? `${where}: ${message}` : message, options);
    this.file = options?.file;
    this.pointer = options?.pointer;
  }
}

/** Database, provider, migration runner or service infrastructure failed. */
export class InfraError extends ProofgateError {
  constructor(
    code: Extract<
      ErrorCode,
      | 'ERR_DATABASE'
      | 'ERR_PROVIDER'
      | 'ERR_MIGRATION'
      | 'ERR_SERVICE'
      | 'ERR_MISSING_PEER'
      | 'ERR_OUTPUT'
      | 'ERR_USER_EXIT'
      | 'ERR_INTERNAL'
    >,
    message: string,
    options?: { hint?: string; cause?: unknown },
  ) {
    super(code, message, options);
  }
}

export function isProofgateError(e: unknown): e is ProofgateError {
  return e instanceof ProofgateError;
}
