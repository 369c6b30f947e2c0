import { quoteName, type SourceMapping } from '../ledger/mapped/source-mapping.js';
import type { RecordProfile } from '../proofs/record-profile.js';
import { resolveProfile } from '../proofs/resolve-profile.js';
import type { ProofgateConfig } from './schema/index.js';
import type { LedgerConfigValue } from './schema/ledger.js';

/**
 * The `ledger` section of proofgate.config.* (docs/foreign-ledger.md): the record profile of a log
 * proofgate did not write, and where that log lives in the team's database. Its shape is checked by
 * the one config schema (schema/ledger.ts); this file holds what JSON Schema cannot say (the
 * schema's `refine`) and turns the validated section into what the commands use.
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
export type LedgerSectionConfig = LedgerConfigValue;

export interface LedgerSection {
  profile?: RecordProfile;
  mapping?: SourceMapping;
}

const COLUMNS = {
  records: ['seq', 'token'],
  keys: ['kid', 'alg', 'jwk', 'validFrom', 'validUntil', 'revokedAt'],
  anchors: ['size', 'note'],
} as const;

/**
 * Problems the schema cannot express, as `[path relative to the section, message]`, in file order:
 * the profile's own rules (JSON pointers, chain vs prev, never-allowed header members),
 * schema-qualified table names, plain column names, one SELECT per query.
 */
export function ledgerProblems(value: LedgerSectionConfig): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (value.profile !== undefined) {
    const r = resolveProfile(value.profile);
    if (!r.ok) out.push([`profile${r.pointer.replace(/\//g, '.')}`, r.message]);
  }
  const source = value.source;
  if (source === undefined) return out;
  if (source.origin.includes('\n')) out.push(['source.origin', 'must be a one-line string']);
  for (const part of ['records', 'keys', 'anchors'] as const) {
    const p = source[part] as Record<string, string>;
    const at = `source.${part}`;
    if ('query' in p) {
      const q = p.query as string;
      if (q.trim() === '') out.push([`${at}.query`, 'must be a non-empty SQL query']);
      else if (/;\s*\S/.test(q) || q.trim().endsWith(';'))
        out.push([`${at}.query`, 'must be one SELECT without a trailing semicolon']);
      continue;
    }
    const t = p.table as string;
    if (t.includes('\n') || quoteName(t, 2) === undefined)
      out.push([
        `${at}.table`,
        `${JSON.stringify(t)} must be a schema-qualified table name such as "ledger.entries"`,
      ]);
    for (const c of COLUMNS[part]) {
      const v = p[c];
      if (v !== undefined && (v.includes('\n') || quoteName(v, 1) === undefined))
        out.push([`${at}.${c}`, `${JSON.stringify(v)} must be a plain column name`]);
    }
  }
  return out;
}

/**
 * The validated `ledger` section (loadConfig checked it against the schema, refine included) as
 * the resolved profile and the source mapping; an absent section is `{}`. No second validation.
 */
export function ledgerOf(config: ProofgateConfig): LedgerSection {
  const value = config.ledger;
  if (value === undefined) return {};
  const out: LedgerSection = {};
  if (value.profile !== undefined) {
    const r = resolveProfile(value.profile);
    // Unreachable for a validated config: refine reported this already.
    if (!r.ok) throw new Error(`ledger.profile was not validated: ${r.message}`);
    out.profile = r.profile;
  }
  const s = value.source;
  if (s !== undefined) {
    out.mapping = {
      origin: s.origin,
      noteKeys: [...s.noteKeys],
      records: { ...s.records },
      keys: { ...s.keys },
      anchors: { ...s.anchors },
    };
  }
  return out;
}
