import { ConfigError } from '../errors/index.js';
import type { ConventionsConfig } from '../conformance/conventions/types.js';

// The `conformance.conventions` section (docs/conformance.md), validated strictly: an unknown key or
// a wrong type is a config error (exit 2), never silently ignored. Kept in its own file so the one
// config schema (harness/config) can take it in as a unit.

export type { ConventionsConfig };

const TOP = [
  'errorIdentity',
  'errorModel',
  'idempotencyHeader',
  'pagination',
  'signature',
  'references',
  'notApplicable',
];
const PAGINATION = ['style', 'tokenParam', 'nextField', 'itemsField', 'limitParam'];
const SIGNATURE = ['scheme', 'header', 'keySet'];

function bad(where: string, what: string): never {
  throw new ConfigError(`${where}: ${what}`, { hint: 'see docs/conformance.md, "Conventions"' });
}

function object(v: unknown, where: string, keys: readonly string[]): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) bad(where, 'must be an object');
  for (const k of Object.keys(v))
    if (!keys.includes(k)) bad(where, `unknown key ${JSON.stringify(k)} (known: ${keys.join(', ')})`);
  return v as Record<string, unknown>;
}

function str(v: unknown, where: string, allowed?: readonly string[]): void {
  if (v === undefined) return;
  if (typeof v !== 'string' || v === '') bad(where, 'must be a non-empty string');
  if (allowed !== undefined && !allowed.includes(v)) bad(where, `must be one of ${allowed.join(', ')}`);
}

function strings(v: unknown, where: string): void {
  if (v === undefined) return;
  const o = object(v, where, Object.keys(v as object));
  for (const [k, x] of Object.entries(o)) str(x, `${where}.${k}`);
}

/** Checks `conformance.conventions` (or a contract's `x-proofgate-conventions`) and returns it typed. */
export function parseConventionsConfig(
  value: unknown,
  where = 'conformance.conventions',
): ConventionsConfig | undefined {
  if (value === undefined) return undefined;
  const o = object(value, where, TOP);
  str(o.errorIdentity, `${where}.errorIdentity`);
  str(o.errorModel, `${where}.errorModel`, ['problem+json', 'envelope']);
  str(o.idempotencyHeader, `${where}.idempotencyHeader`);
  if (o.pagination !== undefined) {
    const p = object(o.pagination, `${where}.pagination`, PAGINATION);
    str(p.style, `${where}.pagination.style`, ['token', 'link', 'none']);
    for (const k of PAGINATION.slice(1)) str(p[k], `${where}.pagination.${k}`);
  }
  if (o.signature !== undefined) {
    const s = object(o.signature, `${where}.signature`, SIGNATURE);
    if (s.scheme === undefined) bad(`${where}.signature`, 'needs a scheme (detached-jws, rfc9421 or none)');
    str(s.scheme, `${where}.signature.scheme`, ['detached-jws', 'rfc9421', 'none']);
    str(s.header, `${where}.signature.header`);
    str(s.keySet, `${where}.signature.keySet`);
  }
  strings(o.references, `${where}.references`);
  strings(o.notApplicable, `${where}.notApplicable`);
  return o as ConventionsConfig;
}
