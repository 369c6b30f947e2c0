import { InputError } from '../errors/index.js';
import { findDuplicateKey } from './duplicate-keys.js';

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
): Promise<unknown> {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (format === 'json') return parseJson(text, file);
  return parseYaml(text, file, maxAliases);
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
    const where = pos === undefined ? '' : lineCol(text, pos);
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
      `duplicate key ${JSON.stringify(dup.key)}${lineCol(text, dup.offset)}: a JSON object must not name a member twice (JSON.parse would silently keep the last value)`,
      { file, pointer: dup.pointer, hint: 'remove or rename one of the two members' },
    );
  }
  return data;
}

async function parseYaml(text: string, file: string, maxAliases: number): Promise<unknown> {
  const YAML = await import('yaml');
  let doc;
  try {
    // uniqueKeys: a duplicated key is an error, not "last one wins" (YAML 1.2 §3.2.1.1).
    doc = YAML.parseDocument(text, { uniqueKeys: true, prettyErrors: true, merge: false });
  } catch (e) {
    throw new InputError('ERR_SPEC_PARSE', `invalid YAML: ${(e as Error).message}`, { file });
  }
  const first = doc.errors[0];
  if (first !== undefined) {
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
  try {
    return doc.toJS({ maxAliasCount: maxAliases });
  } catch (e) {
    const message = (e as Error).message;
    if (/alias count|resource exhaustion|alias resolution is disabled/i.test(message)) {
      throw new InputError(
        'ERR_SPEC_ALIAS_BOMB',
        `YAML aliases expand beyond the limit of ${maxAliases} (a "billion laughs" document?)`,
        { file, hint: 'remove the nested anchors/aliases, or raise openapi.maxAliases in the config' },
      );
    }
    throw new InputError('ERR_SPEC_PARSE', `invalid YAML: ${message}`, { file });
  }
}

function lineCol(text: string, position: number): string {
  let line = 1;
  let last = -1;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return ` at line ${line}, column ${position - last}`;
}
