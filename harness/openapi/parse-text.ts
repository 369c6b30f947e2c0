import { InputError } from '../errors/index.js';
import { findDuplicateKey } from './duplicate-keys.js';
import { positionAt } from './text-position.js';
import { expandedSize } from './expanded-size.js';
import { MAX_DEPTH, yamlTooDeep } from './nesting.js';
import { DEFAULT_MAX_BYTES } from './types.js';

export type SourceFormat = 'json' | 'yaml';

/** `.json` is parsed as JSON (fast, no aliases); everything else as YAML 1.2 (a JSON superset). */
export function formatOf(file: string): SourceFormat {
  return /\.json$/i.test(file) ? 'json' : 'yaml';
}

/**
 * Parses spec text into plain data. YAML aliases are expanded by the `yaml` package under its
 * `maxAliasCount` guard (billion-laughs defence); the caller still checks the expanded result for
 * cycles and size, because an alias is shared by reference.
 */
export async function parseText(
  text: string,
  file: string,
  format: SourceFormat,
  maxAliases: number,
  maxBytes = DEFAULT_MAX_BYTES,
): Promise<unknown> {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (format === 'json') return parseJson(text, file);
  return parseYaml(text, file, maxAliases, maxBytes);
}

/**
 * Strict JSON: JSON.parse, plus a refusal of duplicated member names (JSON.parse keeps the last
 * one silently; the YAML path refuses them too). Errors are ERR_SPEC_PARSE with line and column.
 */
export function parseJson(text: string, file: string): unknown {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const at = /position (\d+)/.exec(message);
    const pos = at ? Number(at[1]) : /end of JSON/.test(message) ? text.length : undefined;
    const where = pos === undefined ? '' : lineColumnAt(text, pos);
    const reason = message
      .replace(/\s*in JSON at position \d+.*$/, '')
      .replace(/ \(line \d+ column \d+\)$/, '');
    throw new InputError('ERR_SPEC_PARSE', `invalid JSON${where}: ${reason}`, {
      file,
      hint: 'fix the syntax (a YAML spec must use the .yaml or .yml extension)',
    });
  }
  const dup = findDuplicateKey(text);
  if (dup !== undefined) {
    throw new InputError(
      'ERR_SPEC_PARSE',
      `duplicate key ${JSON.stringify(dup.key)} at line ${dup.line}, column ${dup.column}: a JSON object must not name a member twice (JSON.parse would silently keep the last value)`,
      { file, pointer: dup.pointer, hint: 'remove or rename one of the two members' },
    );
  }
  return data;
}

async function parseYaml(text: string, file: string, maxAliases: number, maxBytes: number): Promise<unknown> {
  // The YAML parser recurses: refuse deep nesting before it can overflow the stack.
  const deepAt = yamlTooDeep(text);
  if (deepAt !== undefined) throw tooDeep(file, ` (at line ${deepAt})`);
  const YAML = await import('yaml');
  const lineCounter = new YAML.LineCounter();
  let doc;
  try {
    // uniqueKeys is checked below in one pass: the parser's own check compares every key with
    // every other key of its map (a 20 000-key map took 19 s).
    doc = YAML.parseDocument(text, { uniqueKeys: false, prettyErrors: true, merge: false, lineCounter });
  } catch (e) {
    throw new InputError('ERR_SPEC_PARSE', `invalid YAML: ${(e as Error).message}`, { file });
  }
  const first = doc.errors[0];
  if (first !== undefined) {
    if (/call stack/i.test(first.message)) throw tooDeep(file, '');
    const pos = first.linePos?.[0];
    const where = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
    const reason = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new InputError('ERR_SPEC_PARSE', `invalid YAML${where}: ${reason}`, { file });
  }
  const tagWarning = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (tagWarning !== undefined) {
    const pos = tagWarning.linePos?.[0];
    throw new InputError(
      'ERR_SPEC_PARSE',
      `unsupported YAML tag${pos ? ` at line ${pos.line}, column ${pos.col}` : ''}: ${tagWarning.message.split('\n')[0]}`,
      { file },
    );
  }
  let aliases = 0;
  YAML.visit(doc, {
    Alias() {
      aliases++;
    },
    Map(_, map) {
      // YAML 1.2 §3.2.1.1: keys are unique. Keys become JSON member names, so compare them as such.
      const names = new Set<string>();
      for (const pair of map.items) {
        const key = pair.key;
        const at = (node: unknown) => {
          const range = (node as { range?: [number, number, number] } | null)?.range;
          const pos = range ? lineCounter.linePos(range[0]) : undefined;
          return pos ? ` at line ${pos.line}, column ${pos.col}` : '';
        };
        if (YAML.isCollection(key) || YAML.isAlias(key)) {
          throw new InputError(
            'ERR_SPEC_PARSE',
            `invalid YAML${at(key)}: a mapping key must be a plain value, not a ${YAML.isAlias(key) ? 'alias' : 'collection'}`,
            { file },
          );
        }
        const name = YAML.isScalar(key) ? String(key.value) : String(key);
        if (names.has(name)) {
          throw new InputError(
            'ERR_SPEC_PARSE',
            `invalid YAML${at(key)}: Map keys must be unique (${JSON.stringify(name)} is repeated)`,
            { file },
          );
        }
        names.add(name);
      }
    },
  });
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: maxAliases });
  } catch (e) {
    const message = (e as Error).message;
    if (/alias count|resource exhaustion|alias resolution is disabled/i.test(message)) {
      throw new InputError(
        'ERR_SPEC_ALIAS_BOMB',
        `YAML aliases expand beyond the limit of ${maxAliases} (a "billion laughs" document?)`,
        { file, hint: 'remove the nested anchors/aliases, or raise openapi.maxAliases in the config' },
      );
    }
    if (e instanceof RangeError) throw tooDeep(file, '');
    throw new InputError('ERR_SPEC_PARSE', `invalid YAML: ${message}`, { file });
  }
  // Under the alias count, one alias of a big node still repeats all of it: budget the expanded
  // size against what a maxBytes file could hold (a 1 MB string aliased 5000 times was 4 GB).
  if (aliases > 0) {
    const size = expandedSize(data, maxBytes);
    if (size > maxBytes) {
      throw new InputError(
        'ERR_SPEC_ALIAS_BOMB',
        `YAML aliases expand the document past ${maxBytes} bytes (openapi.maxBytes), the most a spec may hold`,
        {
          file,
          hint: 'remove the anchors/aliases that repeat large values, or raise openapi.maxBytes in the config',
        },
      );
    }
  }
  return data;
}

function tooDeep(file: string, where: string): InputError {
  return new InputError('ERR_SPEC_TOO_LARGE', `nested deeper than ${MAX_DEPTH} levels${where}`, {
    file,
    hint: 'a real spec nests a few dozen levels; flatten the structure with $ref components',
  });
}

function lineColumnAt(text: string, offset: number): string {
  const { line, column } = positionAt(text, offset);
  return ` at line ${line}, column ${column}`;
}
