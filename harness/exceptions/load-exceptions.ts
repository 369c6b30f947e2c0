import { readFile, stat } from 'node:fs/promises';
import { InputError } from '../errors/index.js';
import { decodeUtf8 } from '../openapi/decode-utf8.js';
import { findDuplicateKey } from '../openapi/duplicate-keys.js';
import type { AcceptedException, ExceptionsFile } from './types.js';

const FIELDS = ['id', 'operation', 'pointer', 'reason', 'approver', 'expires'] as const;
const MAX_BYTES = 1024 * 1024;
const METHODS = 'GET|PUT|POST|DELETE|OPTIONS|HEAD|PATCH|TRACE';

/**
 * Reads a reviewed accepted-exceptions file (YAML or JSON):
 * `{ exceptions: [{ id, operation, pointer, reason, approver, expires }] }`. Anything unexpected —
 * a missing or unknown field, a bad date, a duplicate entry — is ERR_EXCEPTIONS (exit 2): a
 * reviewed file that does not say exactly what it means must not quietly accept anything.
 */
export async function loadExceptions(file: string): Promise<ExceptionsFile> {
  const fail = (message: string, pointer?: string, hint?: string): never => {
    throw new InputError('ERR_EXCEPTIONS', message, {
      file,
      ...(pointer === undefined ? {} : { pointer }),
      hint: hint ?? 'see docs/check-openapi.md, "Accepted exceptions"',
    });
  };
  let text: string;
  try {
    if ((await stat(file)).size > MAX_BYTES)
      fail(`over ${MAX_BYTES} bytes; an exceptions file is a short reviewed list`);
    text = decodeUtf8(await readFile(file), file, 'ERR_EXCEPTIONS');
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? 'error'})`);
  }
  let data: unknown;
  if (/\.json$/i.test(file)) {
    try {
      data = JSON.parse(text);
    } catch (e) {
      fail(`invalid JSON: ${(e as Error).message}`);
    }
    const dup = findDuplicateKey(text);
    if (dup !== undefined) fail(`duplicate key ${JSON.stringify(dup.key)}`, dup.pointer);
  } else {
    const YAML = await import('yaml');
    const doc = YAML.parseDocument(text, { uniqueKeys: true, merge: false });
    const first = doc.errors[0];
    if (first !== undefined) {
      const pos = first.linePos?.[0];
      fail(
        `invalid YAML${pos ? ` at line ${pos.line}, column ${pos.col}` : ''}: ${first.message.split('\n')[0]}`,
      );
    }
    try {
      data = doc.toJS({ maxAliasCount: 0 });
    } catch (e) {
      fail(`invalid YAML: ${(e as Error).message} (anchors and aliases are not allowed here)`);
    }
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    fail('expected a mapping with an `exceptions` list', '');
  const top = data as Record<string, unknown>;
  for (const key of Object.keys(top)) if (key !== 'exceptions') fail(`unknown field \`${key}\``, `/${key}`);
  if (!Array.isArray(top.exceptions)) fail('`exceptions` must be a list', '/exceptions');
  const entries: AcceptedException[] = [];
  const seen = new Map<string, number>();
  (top.exceptions as unknown[]).forEach((raw, index) => {
    const at = `/exceptions/${index}`;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
      fail('each exception must be a mapping', at);
    const e = raw as Record<string, unknown>;
    for (const key of Object.keys(e)) {
      if (!(FIELDS as readonly string[]).includes(key))
        fail(`unknown field \`${key}\` (allowed: ${FIELDS.join(', ')})`, `${at}/${key}`);
    }
    for (const key of FIELDS) {
      const v = e[key];
      if (typeof v !== 'string' || (key !== 'pointer' && v.trim() === '')) {
        fail(
          `\`${key}\` is required and must be ${key === 'expires' ? 'a quoted or plain YYYY-MM-DD date' : 'a non-empty string'}`,
          `${at}/${key}`,
        );
      }
    }
    const entry = e as Record<(typeof FIELDS)[number], string>;
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(entry.id))
      fail(`\`id\` must be a kebab-case rule id, not ${JSON.stringify(entry.id)}`, `${at}/id`);
    const operation = normalizeOperation(entry.operation);
    if (operation === undefined) {
      fail(
        `\`operation\` must be "METHOD /path" (e.g. "GET /v1/proofs"), "/path" or "*", not ${JSON.stringify(entry.operation)}`,
        `${at}/operation`,
      );
    }
    if (entry.pointer !== '' && !entry.pointer.startsWith('/'))
      fail('`pointer` must be a JSON pointer starting with "/"', `${at}/pointer`);
    if (!isDate(entry.expires))
      fail(
        `\`expires\` must be a real date as YYYY-MM-DD, not ${JSON.stringify(entry.expires)}`,
        `${at}/expires`,
      );
    const key = `${entry.id}\n${operation}\n${entry.pointer}`;
    const dup = seen.get(key);
    if (dup !== undefined) fail(`duplicates #/exceptions/${dup} (same id, operation and pointer)`, at);
    seen.set(key, index);
    entries.push({ ...entry, operation: operation!, index });
  });
  return { file, entries };
}

function normalizeOperation(op: string): string | undefined {
  const trimmed = op.trim();
  if (trimmed === '*') return '*';
  if (/^\/\S*$/.test(trimmed)) return trimmed; // a path-level change (no method)
  const m = new RegExp(`^(${METHODS}) (/\\S*)$`, 'i').exec(trimmed);
  return m ? `${m[1]!.toUpperCase()} ${m[2]}` : undefined;
}

/** A real calendar date in YYYY-MM-DD (2026-02-30 is refused). */
export function isDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
