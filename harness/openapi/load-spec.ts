import { realpath } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { InputError } from '../errors/index.js';
import { isWithin } from '../is-within.js';
import { detectVersion } from './detect-version.js';
import { escapeSegment, getAtPointer, hasPointer, parsePointer } from './json-pointer.js';
import { formatOf, parseText } from './parse-text.js';
import { readSource } from './read-source.js';
import { unshare } from './unshare.js';
import { fragmentKind, validateDocument, validateFragment } from './validate-document.js';
import { walkRefs, type RefSite } from './walk-refs.js';
import {
  BUNDLE_KEY,
  DEFAULT_MAX_ALIASES,
  DEFAULT_MAX_BYTES,
  type LoadSpecOptions,
  type LoadedSpec,
  type OpenApiDocument,
  type OpenApiVersion,
} from './types.js';

interface Source {
  real: string;
  display: string;
  /** Path relative to the spec's folder (posix separators); '' for the root file. */
  key: string;
  data: unknown;
  refs: RefSite[];
}

interface PendingCheck {
  target: Source;
  pointer: string;
  ref: string;
  from: Source;
  at: string;
}

/**
 * Loads an OpenAPI 3.0/3.1 spec from JSON or YAML safely and returns it as ONE document:
 * - no network, ever: `http(s)://` and every other URI scheme in `$ref` are refused;
 * - relative file `$ref`s only inside the spec's own folder (and its subfolders), checked on the
 *   real path, so `../` and symlinks that leave the folder are refused;
 * - external files are bundled under `#/x-proofgate-bundled/<relative path>` and their `$ref`s
 *   rewritten to internal pointers; cycles stay `$ref`s;
 * - every `$ref` must resolve (RFC 6901 pointer), else ERR_SPEC_REF naming the file and pointer;
 * - the document must validate against the official OpenAPI 3.0/3.1 JSON Schema (ERR_SPEC_INVALID).
 */
export async function loadSpec(file: string, options: LoadSpecOptions = {}): Promise<LoadedSpec> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxAliases = options.maxAliases ?? DEFAULT_MAX_ALIASES;
  const budget = { remaining: maxBytes };
  const label = options.label ?? file;
  const absolute = resolve(file);
  let rootReal: string;
  try {
    rootReal = await realpath(absolute);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      'ERR_INPUT',
      code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? 'error'})`,
      { file: label },
    );
  }
  const folder = dirname(rootReal);
  const sources = new Map<string, Source>();
  const pending: PendingCheck[] = [];
  const queue: Source[] = [];

  const load = async (
    real: string,
    display: string,
    key: string,
    ref?: { file: string; pointer: string },
  ) => {
    const text = await readSource(real, display, maxBytes, budget, ref);
    const format = formatOf(real);
    let data = await parseText(text, display, format, maxAliases, maxBytes);
    if (key === '') version = detectVersion(data, display);
    const walked = walkRefs(data, display, { tree: format === 'json' });
    if (walked.shared) {
      data = unshare(data, display, maxBytes);
      // The copy has new holders: walk it again (cheap: it only happens for YAML with aliases).
      walked.refs = walkRefs(data, display).refs;
    }
    const source: Source = { real, display, key, data, refs: walked.refs };
    sources.set(real, source);
    queue.push(source);
    return source;
  };

  let version: OpenApiVersion = '3.0';
  const root = await load(rootReal, label, '');

  while (queue.length) {
    const source = queue.shift()!;
    for (const site of source.refs) {
      const { target, fragment, rawFragment } = await resolveSite(site, source);
      pending.push({ target, pointer: fragment, ref: site.ref, from: source, at: site.pointer });
      // Every reference becomes a `#/` pointer into the one document, including a same-document
      // reference spelt with the file's own name (`openapi.yaml#/…`, `./openapi.yaml#/…`): the
      // diff only follows `#/`, so a file-named one would drop out of the comparison.
      const internal =
        target.key === '' ? `#${rawFragment}` : `#/${BUNDLE_KEY}/${encodeKey(target.key)}${rawFragment}`;
      if (site.ref !== internal) site.holder.$ref = internal;
    }
  }

  async function resolveSite(site: RefSite, from: Source) {
    const where = { file: from.display, pointer: site.pointer };
    const ref = site.ref;
    if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(ref) || ref.startsWith('//')) {
      const remote = /^(https?:)?\/\//i.test(ref);
      throw new InputError(
        'ERR_SPEC_REF',
        remote
          ? `remote $ref ${JSON.stringify(ref)} refused: proofgate never fetches anything over the network`
          : `$ref ${JSON.stringify(ref)} uses a URI scheme; only relative file paths and #/ pointers are allowed`,
        {
          ...where,
          hint: "copy the referenced document into the spec's folder and reference it by relative path",
        },
      );
    }
    const hash = ref.indexOf('#');
    const pathPart = hash === -1 ? ref : ref.slice(0, hash);
    const rawFragment = hash === -1 ? '' : ref.slice(hash + 1);
    let fragment: string;
    let decodedPath: string;
    try {
      fragment = decodeURIComponent(rawFragment);
      decodedPath = decodeURIComponent(pathPart);
    } catch {
      throw new InputError('ERR_SPEC_REF', `$ref ${JSON.stringify(ref)} has invalid percent-encoding`, where);
    }
    if (fragment !== '' && !fragment.startsWith('/')) {
      throw new InputError(
        'ERR_SPEC_REF',
        `$ref ${JSON.stringify(ref)}: only JSON-pointer fragments (#/...) are supported, not plain-name anchors`,
        where,
      );
    }
    if (decodedPath === '') return { target: from, fragment, rawFragment };
    if (decodedPath.includes('\0') || decodedPath.includes('?')) {
      throw new InputError(
        'ERR_SPEC_REF',
        `$ref ${JSON.stringify(ref)} is not a plain relative file path`,
        where,
      );
    }
    const lexical = resolve(dirname(from.real), decodedPath);
    if (!inside(folder, lexical)) {
      throw new InputError(
        'ERR_SPEC_REF',
        `$ref ${JSON.stringify(ref)} leaves the spec's folder ${folder}; only files inside it may be referenced`,
        where,
      );
    }
    let real: string;
    try {
      real = await realpath(lexical);
    } catch {
      throw new InputError('ERR_SPEC_REF', `$ref ${JSON.stringify(ref)}: file ${lexical} not found`, where);
    }
    if (!inside(folder, real)) {
      throw new InputError(
        'ERR_SPEC_REF',
        `$ref ${JSON.stringify(ref)} resolves through a symlink to ${real}, outside the spec's folder ${folder}`,
        where,
      );
    }
    const known = sources.get(real);
    if (known !== undefined) return { target: known, fragment, rawFragment };
    const key = relative(folder, real).split(sep).join('/');
    const display = join(dirname(label), key);
    const target = await load(real, display, key, where);
    return { target, fragment, rawFragment };
  }

  for (const p of pending) {
    if (!hasPointer(p.target.data, p.pointer)) {
      const what = p.target === p.from ? '' : ` in ${p.target.display}`;
      throw new InputError(
        'ERR_SPEC_REF',
        `dangling $ref ${JSON.stringify(p.ref)}: nothing at #${p.pointer}${what}`,
        {
          file: p.from.display,
          pointer: p.at,
          hint: 'fix the pointer or add the missing component',
        },
      );
    }
  }

  const doc = root.data as OpenApiDocument;
  const externals = [...sources.values()]
    .filter((s) => s.key !== '')
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  if (externals.length) {
    if (Object.hasOwn(doc, BUNDLE_KEY)) {
      throw new InputError(
        'ERR_SPEC_INVALID',
        `${BUNDLE_KEY} is reserved for bundled files, and this spec also has external $refs`,
        {
          file: label,
          pointer: `/${BUNDLE_KEY}`,
        },
      );
    }
    const bundled: Record<string, unknown> = {};
    for (const s of externals) {
      Object.defineProperty(bundled, s.key, {
        value: s.data,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    doc[BUNDLE_KEY] = bundled;
  }
  if (options.validate !== false) {
    await validateDocument(doc, version, label);
    // Fragments of other files sit under an x- key that the document schema does not look into.
    const checked = new Set<string>();
    for (const p of pending) {
      if (p.target.key === '') continue;
      const kind = fragmentKind(parsePointer(p.at));
      const key = `${p.target.key}#${p.pointer}:${kind}`;
      if (kind === undefined || checked.has(key)) continue;
      checked.add(key);
      await validateFragment(getAtPointer(p.target.data, p.pointer), version, kind, {
        file: p.target.display,
        pointer: p.pointer,
        from: `${p.from.display} #${p.at}`,
      });
    }
  }
  return { file: rootReal, version, doc };
}

/** Strictly inside: the folder itself is not a file it may reference. */
function inside(folder: string, path: string): boolean {
  return path !== folder && isWithin(path, folder);
}

/** A file key as a pointer segment inside a `$ref` fragment (RFC 6901 + RFC 3986 fragment). */
function encodeKey(key: string): string {
  return escapeSegment(key).replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/]/g, (c) => encodeURIComponent(c));
}
