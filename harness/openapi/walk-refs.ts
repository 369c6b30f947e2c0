import { InputError } from '../errors/index.js';
import { formatPointer } from './json-pointer.js';
import { MAX_DEPTH } from './nesting.js';
import { BUNDLE_KEY } from './types.js';

/** A `$ref` found in one source document. */
export interface RefSite {
  /** The object holding the `$ref` member (rewritten in place when the target is external). */
  holder: Record<string, unknown>;
  ref: string;
  /** JSON pointer of the `$ref` member in its source file. */
  pointer: string;
}

// How a value is read, so that `$ref` inside data (examples, enum, const, default, x- extensions)
// is left alone, while a component or property *named* `default` or `example` is still a node.
const enum Mode {
  Node, // an OpenAPI/JSON Schema object: its keys are keywords
  NameMap, // keys are names (properties, responses, schemas, paths, ...): every value is a Node
  ExampleMap, // values are Example Objects (OAS 3.1 §4.8.19) whose `value` is data
  Example,
  Data, // literal JSON: validated, never searched for `$ref`
}

const NAME_MAPS = new Set([
  'properties',
  'patternProperties',
  '$defs',
  'definitions',
  'dependentSchemas',
  'paths',
  'webhooks',
  'schemas',
  'responses',
  'parameters',
  'requestBodies',
  'headers',
  'securitySchemes',
  'links',
  'callbacks',
  'pathItems',
  'content',
  'encoding',
  'variables',
  'mapping',
  BUNDLE_KEY,
]);
const DATA_KEYS = new Set(['example', 'enum', 'const', 'default']);

export interface WalkResult {
  refs: RefSite[];
  /** True when some object is reachable twice (YAML aliases): the caller un-shares it. */
  shared: boolean;
}

/**
 * Walks one parsed document: checks it is plain JSON data (no YAML binary/timestamps, no NaN, no
 * alias cycles, bounded depth) and collects every `$ref` that is a reference, not data.
 */
export function walkRefs(data: unknown, file: string, options: { tree?: boolean } = {}): WalkResult {
  // JSON.parse always yields a tree: identity tracking (cycles, sharing) is only needed for YAML.
  const tree = options.tree === true;
  const refs: RefSite[] = [];
  const path: (string | number)[] = [];
  const ancestors = new Set<object>();
  const seen = new Map<object, number>();
  let shared = false;

  const fail = (
    code: 'ERR_SPEC_INVALID' | 'ERR_SPEC_ALIAS_BOMB' | 'ERR_SPEC_REF' | 'ERR_SPEC_TOO_LARGE',
    message: string,
  ): never => {
    throw new InputError(code, message, {
      file,
      pointer: formatPointer(path.length > 16 ? path.slice(0, 16) : path) + (path.length > 16 ? '/…' : ''),
      ...(code === 'ERR_SPEC_TOO_LARGE'
        ? { hint: 'a real spec nests a few dozen levels; flatten the structure with $ref components' }
        : {}),
    });
  };

  const visit = (node: unknown, mode: Mode): void => {
    if (node === null || typeof node === 'string' || typeof node === 'boolean') return;
    if (typeof node === 'number') {
      if (!Number.isFinite(node)) fail('ERR_SPEC_INVALID', `${node} is not a JSON number`);
      return;
    }
    if (typeof node !== 'object') return fail('ERR_SPEC_INVALID', `a ${typeof node} is not JSON data`);
    const isArray = Array.isArray(node);
    if (!isArray && !tree) {
      const proto = Object.getPrototypeOf(node) as unknown;
      if (proto !== Object.prototype && proto !== null) {
        fail(
          'ERR_SPEC_INVALID',
          `a ${(node as object).constructor?.name ?? 'non-JSON'} value is not JSON data (YAML !!binary, !!timestamp, !!set?)`,
        );
      }
    }
    if (!tree) {
      if (ancestors.has(node))
        fail(
          'ERR_SPEC_ALIAS_BOMB',
          'a YAML alias refers to its own ancestor: the document is infinitely deep',
        );
      const bit = 1 << mode;
      const before = seen.get(node);
      if (before !== undefined) {
        shared = true;
        if (before & bit) return; // this exact walk already ran on the shared node
      }
      seen.set(node, (before ?? 0) | bit);
      ancestors.add(node);
    }
    if (path.length >= MAX_DEPTH) fail('ERR_SPEC_TOO_LARGE', `nested deeper than ${MAX_DEPTH} levels`);
    if (isArray) {
      const child = mode === Mode.Data ? Mode.Data : Mode.Node;
      for (let i = 0; i < node.length; i++) {
        const value: unknown = node[i];
        // Strings, booleans and null need no visit; JSON.parse output needs no validation at all.
        if (typeof value === 'string' || (tree && (value === null || typeof value !== 'object'))) continue;
        path.push(i);
        visit(value, child);
        path.pop();
      }
    } else {
      const obj = node as Record<string, unknown>;
      for (const key of Object.keys(obj)) {
        const value = obj[key];
        if (key === '$ref' && mode !== Mode.Data && (mode !== Mode.NameMap || typeof value === 'string')) {
          path.push(key);
          if (typeof value !== 'string')
            fail('ERR_SPEC_REF', `$ref must be a string, not ${JSON.stringify(value)}`);
          refs.push({ holder: obj, ref: value as string, pointer: formatPointer(path) });
          path.pop();
          continue;
        }
        if (typeof value === 'string' || (tree && (value === null || typeof value !== 'object'))) continue;
        const child = childMode(mode, key, value);
        path.push(key);
        if (tree && child === Mode.Data) {
          // Data parsed from JSON is valid JSON data: only its depth needs a look.
          dataDepth(value, path.length);
          path.pop();
          continue;
        }
        visit(value, child);
        path.pop();
      }
    }
    if (!tree) ancestors.delete(node);
  };

  // Depth only, for JSON-parsed data (examples, enum, x- extensions) that needs no other check.
  const dataDepth = (node: unknown, depth: number): void => {
    if (depth >= MAX_DEPTH) {
      fail('ERR_SPEC_TOO_LARGE', `nested deeper than ${MAX_DEPTH} levels`);
    }
    if (node === null || typeof node !== 'object') return;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') dataDepth(child, depth + 1);
    }
  };

  visit(data, Mode.Node);
  return { refs, shared };
}

function childMode(mode: Mode, key: string, value: unknown): Mode {
  switch (mode) {
    case Mode.Data:
      return Mode.Data;
    case Mode.NameMap:
      return Mode.Node;
    case Mode.ExampleMap:
      return Mode.Example;
    case Mode.Example:
      return key === 'value' ? Mode.Data : Mode.Node;
    case Mode.Node:
      if (key.startsWith('x-') && key !== BUNDLE_KEY) return Mode.Data;
      if (DATA_KEYS.has(key)) return Mode.Data;
      if (key === 'examples') return Array.isArray(value) ? Mode.Data : Mode.ExampleMap;
      if (NAME_MAPS.has(key)) return Mode.NameMap;
      return Mode.Node;
  }
}

/** What a plain object in a loaded document is: an OpenAPI/JSON Schema object, an Example Object, or data. */
export type ObjectRole = 'node' | 'example' | 'data';

/**
 * Calls `fn` on every plain object of a loaded (tree-shaped) document with its role, read the way
 * walkRefs reads it (`$ref` in data is data), and its JSON pointer segments (`path` is reused:
 * copy it to keep it).
 */
export function forEachObject(
  doc: unknown,
  fn: (obj: Record<string, unknown>, role: ObjectRole, path: readonly (string | number)[]) => void,
): void {
  const path: (string | number)[] = [];
  const visit = (node: unknown, mode: Mode): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      const child = mode === Mode.Data ? Mode.Data : Mode.Node;
      for (let i = 0; i < node.length; i++) {
        path.push(i);
        visit(node[i], child);
        path.pop();
      }
      return;
    }
    const obj = node as Record<string, unknown>;
    fn(obj, mode === Mode.Data ? 'data' : mode === Mode.Example ? 'example' : 'node', path);
    for (const key of Object.keys(obj)) {
      const value = obj[key];
      if (value === null || typeof value !== 'object') continue;
      path.push(key);
      visit(value, childMode(mode, key, value));
      path.pop();
    }
  };
  visit(doc, Mode.Node);
}
