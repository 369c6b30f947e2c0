import type { OpenApiDocument } from './types.js';

/**
 * The canonical snapshot of a loaded (bundled) spec: keys sorted at every level by UTF-16 code
 * units (the RFC 8785 order), arrays in document order, 2-space indent, trailing newline. Two specs
 * that differ only in key order, YAML vs JSON or formatting give the same bytes.
 */
export function canonicalSnapshot(doc: OpenApiDocument): string {
  return JSON.stringify(sortKeys(doc), null, 2) + '\n';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    Object.defineProperty(out, key, {
      value: sortKeys((value as Record<string, unknown>)[key]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
