export { loadSpec } from './load-spec.js';
export { decodeUtf8, firstInvalidByte } from './decode-utf8.js';
export { findDuplicateKey, type DuplicateKey } from './duplicate-keys.js';
export { parseJson } from './parse-text.js';
export { MAX_DEPTH, stackGuard } from './nesting.js';
export { checkDocument } from './check-document.js';
export { validateDocument } from './validate-document.js';
export { canonicalSnapshot } from './canonical-snapshot.js';
export { resolveRef } from './resolve-ref.js';
export { escapeSegment, formatPointer, getAtPointer, parsePointer, unescapeSegment } from './json-pointer.js';
export {
  BUNDLE_KEY,
  DEFAULT_MAX_ALIASES,
  DEFAULT_MAX_BYTES,
  type LoadSpecOptions,
  type LoadedSpec,
  type OpenApiDocument,
  type OpenApiVersion,
} from './types.js';
export { checkOpenApi, type CheckOpenApiOptions, type CheckOpenApiResult } from './check-openapi.js';
