/** An OpenAPI document as plain JSON: one object, every `$ref` an internal `#/...` pointer. */
export type OpenApiDocument = Record<string, unknown>;

export type OpenApiVersion = '3.0' | '3.1';

export interface LoadedSpec {
  /** Absolute path of the root spec file. */
  file: string;
  version: OpenApiVersion;
  doc: OpenApiDocument;
}

export interface LoadSpecOptions {
  /** Largest file accepted, in bytes, checked with stat before reading (default 50 MiB). Also caps the sum over bundled files. */
  maxBytes?: number;
  /** Largest YAML alias expansion count accepted (default 10 000). */
  maxAliases?: number;
  /** How errors name the root file (default: `file` as given), e.g. a path relative to the working folder. */
  label?: string;
  /**
   * Validate against the official OpenAPI JSON Schema (default true). Only for reading test corpora
   * whose documents are deliberately minimal (oasdiff's checker fixtures); never from the CLI.
   */
  validate?: boolean;
}

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
export const DEFAULT_MAX_ALIASES = 10_000;

/** Where external files are bundled: `#/x-proofgate-bundled/<path relative to the spec's folder>/...`. */
export const BUNDLE_KEY = 'x-proofgate-bundled';
