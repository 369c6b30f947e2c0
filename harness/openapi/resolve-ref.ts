import { getAtPointer } from './json-pointer.js';
import type { OpenApiDocument } from './types.js';

/**
 * Follows one internal `$ref` ("#/components/schemas/Pet", percent-decoded as a URI fragment) in a
 * loaded document; `undefined` when it does not resolve. Loaded documents only hold internal refs.
 */
export function resolveRef(doc: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let pointer: string;
  try {
    pointer = decodeURIComponent(ref.slice(1));
  } catch {
    return undefined;
  }
  if (pointer !== '' && !pointer.startsWith('/')) return undefined;
  return getAtPointer(doc, pointer);
}
