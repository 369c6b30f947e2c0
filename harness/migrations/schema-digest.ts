import type pg from 'pg';
import { sha256Hex } from '../report/index.js';
import { withClient } from './connect.js';

/** User schemas only: the catalog's own schemas change with the server, not with migrations. */
const USER_NS = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND n.nspname NOT LIKE 'pg_temp_%' AND n.nspname NOT LIKE 'pg_toast_temp_%'`;

// Each query yields one text line per catalog object; `COLLATE "C"` keeps the order byte-stable.
// Names, not OIDs, so two databases with the same schema give the same lines (PostgreSQL §53 catalogs).
const QUERIES: readonly [kind: string, sql: string][] = [
  ['schema', `SELECT n.nspname AS line FROM pg_namespace n WHERE ${USER_NS}`],
  [
    'relation',
    `SELECT format('%I.%I kind=%s persistence=%s rls=%s force_rls=%s', n.nspname, c.relname, c.relkind,
              c.relpersistence, c.relrowsecurity, c.relforcerowsecurity) AS line
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE ${USER_NS} AND c.relkind IN ('r','p','v','m','S','f','c')`,
  ],
  [
    'column',
    `SELECT format('%I.%I #%s %I %s notnull=%s default=%s identity=%s generated=%s collation=%s', n.nspname,
              c.relname, row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum), a.attname,
              format_type(a.atttypid, a.atttypmod), a.attnotnull, coalesce(pg_get_expr(d.adbin, d.adrelid), ''),
              a.attidentity, a.attgenerated, coalesce(co.collname, '')) AS line
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
       LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> 0
                                    AND co.collname <> 'default'
      WHERE ${USER_NS} AND c.relkind IN ('r','p','v','m','f','c') AND a.attnum > 0 AND NOT a.attisdropped`,
  ],
  [
    'constraint',
    `SELECT format('%I.%I %I %s %s', n.nspname, coalesce(c.relname, t.typname), con.conname, con.contype,
              pg_get_constraintdef(con.oid, true)) AS line
       FROM pg_constraint con
       JOIN pg_namespace n ON n.oid = con.connamespace
       LEFT JOIN pg_class c ON c.oid = con.conrelid
       LEFT JOIN pg_type t ON t.oid = con.contypid
      WHERE ${USER_NS}`,
  ],
  [
    'index',
    `SELECT pg_get_indexdef(i.indexrelid) || format(' valid=%s', i.indisvalid) AS line
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE ${USER_NS}`,
  ],
  [
    'trigger',
    `SELECT pg_get_triggerdef(tg.oid, true) || format(' enabled=%s', tg.tgenabled) AS line
       FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE ${USER_NS} AND NOT tg.tgisinternal`,
  ],
  [
    'function',
    // pg_get_functiondef rejects aggregates, so they are named by signature only.
    `SELECT CASE WHEN p.prokind IN ('f','p') THEN pg_get_functiondef(p.oid)
                 ELSE format('%I.%I(%s) kind=%s', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), p.prokind)
            END AS line
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE ${USER_NS} AND NOT EXISTS (SELECT 1 FROM pg_depend dep
                                        WHERE dep.classid = 'pg_proc'::regclass AND dep.objid = p.oid AND dep.deptype = 'e')`,
  ],
  [
    'view',
    `SELECT format('%I.%I %s', n.nspname, c.relname, pg_get_viewdef(c.oid, true)) AS line
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE ${USER_NS} AND c.relkind IN ('v','m')`,
  ],
  [
    'sequence',
    `SELECT format('%I.%I %s start=%s inc=%s min=%s max=%s cycle=%s', n.nspname, c.relname,
              format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcycle) AS line
       FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE ${USER_NS}`,
  ],
  [
    'type',
    `SELECT format('%I.%I type=%s %s', n.nspname, t.typname, t.typtype,
              CASE t.typtype
                WHEN 'e' THEN (SELECT string_agg(quote_literal(e.enumlabel), ',' ORDER BY e.enumsortorder)
                                 FROM pg_enum e WHERE e.enumtypid = t.oid)
                WHEN 'd' THEN format_type(t.typbasetype, t.typtypmod) || ' notnull=' || t.typnotnull
                              || ' default=' || coalesce(t.typdefault, '')
                ELSE '' END) AS line
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE ${USER_NS} AND t.typtype IN ('e','d','r','m')`,
  ],
  [
    'policy',
    `SELECT format('%I.%I %I cmd=%s permissive=%s roles=%s using=%s check=%s', n.nspname, c.relname, p.polname,
              p.polcmd, p.polpermissive, (SELECT string_agg(r::regrole::text, ',' ORDER BY r::regrole::text)
                                             FROM unnest(p.polroles) r),
              coalesce(pg_get_expr(p.polqual, p.polrelid), ''), coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '')) AS line
       FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE ${USER_NS}`,
  ],
  ['extension', `SELECT format('%I %s', e.extname, e.extversion) AS line FROM pg_extension e`],
];

export interface SchemaDigest {
  /** sha256 hex over every line, in order. */
  digest: string;
  /** `kind: line`, sorted: what the digest covers, for explaining a difference. */
  objects: string[];
}

/**
 * A deterministic digest of the schema read from the catalog: tables, columns and their types,
 * constraints, indexes, triggers, functions, views, sequences, types, policies and extensions.
 * Row data is not covered. Used by the rehearsal's "apply twice must be a no-op" step.
 */
export async function readSchemaDigest(client: pg.Client): Promise<SchemaDigest> {
  const objects: string[] = [];
  for (const [kind, sql] of QUERIES) {
    const res = await client.query<{ line: string }>(sql);
    for (const row of res.rows) objects.push(`${kind}: ${row.line.trim()}`);
  }
  // JS code-unit order, not the server's collation: the same lines sort the same everywhere.
  objects.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { digest: sha256Hex(objects.join('\n')), objects };
}

export function schemaDigest(url: string): Promise<SchemaDigest> {
  return withClient(url, readSchemaDigest);
}

/** Lines only in `before` (removed) and only in `after` (added). */
export function diffSchemaDigests(
  before: SchemaDigest,
  after: SchemaDigest,
): { removed: string[]; added: string[] } {
  const a = new Set(before.objects);
  const b = new Set(after.objects);
  return {
    removed: before.objects.filter((l) => !b.has(l)),
    added: after.objects.filter((l) => !a.has(l)),
  };
}
