import { ConfigError } from '../errors/index.js';
import { quoteName, type SourceMapping } from '../ledger/mapped/source-mapping.js';
import { resolveProfile, type RecordProfile } from '../proofs/index.js';

/**
 * The `ledger` section of proofgate.config.* (docs/foreign-ledger.md): the record profile of a log
 * proofgate did not write, and where that log lives in the team's database. Kept in its own file
 * so the one config schema can include it as a section.
 *
 *   ledger: {
 *     profile: { header, payload, fields, time, firstSeq, chain, anchorLeaf },   // RecordProfile, partial
 *     source: {
 *       origin, noteKeys,
 *       records: { table: 'schema.table', seq, token } | { query },
 *       keys: { table, kid, alg, jwk, validFrom, validUntil?, revokedAt? } | { query },
 *       anchors: { table, size, note } | { query },
 *     },
 *   }
 */
export interface LedgerSectionConfig {
  profile?: unknown;
  source?: unknown;
}

export interface LedgerSection {
  profile?: RecordProfile;
  mapping?: SourceMapping;
}

type Obj = Record<string, unknown>;

function bad(at: string, message: string): ConfigError {
  return new ConfigError(`config ${at}: ${message}`, {
    hint: 'see docs/foreign-ledger.md for a complete ledger section',
  });
}

function obj(v: unknown, at: string, allowed: readonly string[]): Obj {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw bad(at, 'must be an object');
  for (const k of Object.keys(v)) if (!allowed.includes(k)) throw bad(`${at}.${k}`, 'unknown member');
  return v as Obj;
}

function str(o: Obj, k: string, at: string): string {
  const v = o[k];
  if (typeof v !== 'string' || v === '' || v.includes('\n'))
    throw bad(`${at}.${k}`, 'must be a non-empty one-line string');
  return v;
}

function table(o: Obj, at: string): string {
  const t = str(o, 'table', at);
  if (quoteName(t, 2) === undefined)
    throw bad(
      `${at}.table`,
      `${JSON.stringify(t)} must be a schema-qualified table name such as "ledger.entries"`,
    );
  return t;
}

function column(o: Obj, k: string, at: string, optional = false): string | undefined {
  if (optional && o[k] === undefined) return undefined;
  const c = str(o, k, at);
  if (quoteName(c, 1) === undefined)
    throw bad(`${at}.${k}`, `${JSON.stringify(c)} must be a plain column name`);
  return c;
}

function query(o: Obj, at: string): { query: string } {
  const q = o.query;
  if (typeof q !== 'string' || q.trim() === '') throw bad(`${at}.query`, 'must be a non-empty SQL query');
  if (/;\s*\S/.test(q) || q.trim().endsWith(';'))
    throw bad(`${at}.query`, 'must be one SELECT without a trailing semicolon');
  return { query: q };
}

function mapping(v: unknown): SourceMapping {
  const at = 'ledger.source';
  const o = obj(v, at, ['origin', 'noteKeys', 'records', 'keys', 'anchors']);
  const origin = str(o, 'origin', at);
  if (!Array.isArray(o.noteKeys) || !o.noteKeys.every((k) => typeof k === 'string' && k !== ''))
    throw bad(`${at}.noteKeys`, 'must be an array of C2SP note verifier keys (vkeys)');
  const part = (name: 'records' | 'keys' | 'anchors', columns: readonly string[]): Obj => {
    const p = obj(o[name], `${at}.${name}`, ['table', 'query', ...columns]);
    if ((p.table === undefined) === (p.query === undefined))
      throw bad(`${at}.${name}`, 'give either table (with its columns) or query');
    if (p.query !== undefined && Object.keys(p).length > 1)
      throw bad(`${at}.${name}`, 'a query mapping takes no column names');
    return p;
  };
  // Each part is validated whole before the next, so the first problem reported is the first in the file.
  const ra = `${at}.records`;
  const r = part('records', ['seq', 'token']);
  const records: SourceMapping['records'] =
    r.query !== undefined
      ? query(r, ra)
      : { table: table(r, ra), seq: column(r, 'seq', ra) as string, token: column(r, 'token', ra) as string };
  const ka = `${at}.keys`;
  const k = part('keys', ['kid', 'alg', 'jwk', 'validFrom', 'validUntil', 'revokedAt']);
  const keys: SourceMapping['keys'] =
    k.query !== undefined
      ? query(k, ka)
      : {
          table: table(k, ka),
          kid: column(k, 'kid', ka) as string,
          alg: column(k, 'alg', ka) as string,
          jwk: column(k, 'jwk', ka) as string,
          validFrom: column(k, 'validFrom', ka) as string,
          ...(k.validUntil !== undefined ? { validUntil: column(k, 'validUntil', ka) as string } : {}),
          ...(k.revokedAt !== undefined ? { revokedAt: column(k, 'revokedAt', ka) as string } : {}),
        };
  const aa = `${at}.anchors`;
  const a = part('anchors', ['size', 'note']);
  const anchors: SourceMapping['anchors'] =
    a.query !== undefined
      ? query(a, aa)
      : { table: table(a, aa), size: column(a, 'size', aa) as string, note: column(a, 'note', aa) as string };
  return { origin, noteKeys: [...(o.noteKeys as string[])], records, keys, anchors };
}

/** Validates the `ledger` section (strict: unknown members are refused); absent members stay absent. */
export function readLedgerSection(value: unknown): LedgerSection {
  if (value === undefined) return {};
  const o = obj(value, 'ledger', ['profile', 'source']);
  const out: LedgerSection = {};
  if (o.profile !== undefined) {
    const r = resolveProfile(o.profile);
    if (!r.ok) throw bad(`ledger.profile${r.pointer.replace(/\//g, '.')}`, r.message);
    out.profile = r.profile;
  }
  if (o.source !== undefined) out.mapping = mapping(o.source);
  return out;
}
