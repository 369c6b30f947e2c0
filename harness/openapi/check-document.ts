import { InputError } from '../errors/index.js';
import { detectVersion } from './detect-version.js';
import { hasPointer } from './json-pointer.js';
import { DEFAULT_MAX_BYTES, type LoadedSpec, type OpenApiDocument } from './types.js';
import { unshare } from './unshare.js';
import { walkRefs } from './walk-refs.js';

/**
 * The in-memory form of loadSpec, for documents built in code (tests, matchers): same version and
 * data checks, every `$ref` must be an internal `#/` pointer that resolves. The input is copied,
 * never modified.
 */
export function checkDocument(input: unknown, name = '<document>'): LoadedSpec {
  const version = detectVersion(input, name);
  let data: unknown;
  const walked = walkRefs(input, name);
  data = walked.shared ? unshare(input, name, DEFAULT_MAX_BYTES) : structuredClone(input);
  for (const site of walked.refs) {
    const where = { file: name, pointer: site.pointer };
    if (!site.ref.startsWith('#')) {
      throw new InputError(
        'ERR_SPEC_REF',
        `$ref ${JSON.stringify(site.ref)}: an in-memory document can only use internal #/ pointers`,
        where,
      );
    }
    let pointer: string;
    try {
      pointer = decodeURIComponent(site.ref.slice(1));
    } catch {
      throw new InputError(
        'ERR_SPEC_REF',
        `$ref ${JSON.stringify(site.ref)} has invalid percent-encoding`,
        where,
      );
    }
    if ((pointer !== '' && !pointer.startsWith('/')) || !hasPointer(input, pointer)) {
      throw new InputError(
        'ERR_SPEC_REF',
        `dangling $ref ${JSON.stringify(site.ref)}: nothing at #${pointer}`,
        where,
      );
    }
  }
  return { file: name, version, doc: data as OpenApiDocument };
}
