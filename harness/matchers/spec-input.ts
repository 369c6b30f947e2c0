import { resolve } from 'node:path';
import { checkDocument } from '../openapi/check-document.js';
import { loadSpec } from '../openapi/load-spec.js';
import { validateDocument } from '../openapi/validate-document.js';
import type { LoadedSpec, OpenApiDocument } from '../openapi/types.js';

/** What the matchers accept on either side: a spec file path, a loaded spec, or a document object. */
export type SpecInput = string | URL | LoadedSpec | OpenApiDocument;

function isLoaded(v: object): v is LoadedSpec {
  const o = v as Partial<LoadedSpec>;
  return (
    typeof o.file === 'string' && (o.version === '3.0' || o.version === '3.1') && typeof o.doc === 'object'
  );
}

/** Loads a matcher argument with the same safe loader as the CLI (paths relative to process.cwd()). */
export async function toLoadedSpec(input: SpecInput, what: string): Promise<LoadedSpec> {
  if (typeof input === 'string') return loadSpec(resolve(input));
  if (input instanceof URL) return loadSpec(input.pathname);
  if (input === null || typeof input !== 'object') {
    throw new TypeError(
      `proofgate matchers: the ${what} must be a spec path, a LoadedSpec or an OpenAPI object`,
    );
  }
  if (isLoaded(input)) return input;
  const loaded = checkDocument(input, `<${what} document>`);
  await validateDocument(loaded.doc, loaded.version, `<${what} document>`);
  return loaded;
}
