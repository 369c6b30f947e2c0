import type { Finding } from '../report/index.js';

/** proofgate's own ledger tables (harness/ledger/migrations); a team's come from ledger.source. */
export const PROOFGATE_LEDGER_TABLES = ['ledger_keys', 'ledger_records', 'ledger_anchors', 'ledger_meta'];

export const LEDGER_DATA_RULES = {
  'ledger-data-update': 'an UPDATE of a ledger table: signed history, keys or anchors rewritten in place',
  'ledger-data-delete': 'a DELETE from a ledger table: records, keys or anchors removed',
  'ledger-data-truncate': 'a TRUNCATE of a ledger table: the whole history removed',
  'ledger-column-rewrite': 'an ALTER TABLE … TYPE … USING on a ledger table: every stored value rewritten',
} as const;
export type LedgerDataRuleId = keyof typeof LEDGER_DATA_RULES;

const NAME = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)(?:\s*\.\s*(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*))?`;
const STATEMENTS: [LedgerDataRuleId, RegExp][] = [
  ['ledger-data-update', new RegExp(String.raw`\bUPDATE\s+(?:ONLY\s+)?(${NAME})`, 'gi')],
  ['ledger-data-delete', new RegExp(String.raw`\bDELETE\s+FROM\s+(?:ONLY\s+)?(${NAME})`, 'gi')],
  [
    'ledger-data-truncate',
    new RegExp(
      String.raw`\bTRUNCATE\s+(?:TABLE\s+)?(?:ONLY\s+)?(${NAME}(?:\s*,\s*(?:ONLY\s+)?${NAME})*)`,
      'gi',
    ),
  ],
  [
    'ledger-column-rewrite',
    new RegExp(
      String.raw`\bALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(${NAME})[^;]*?\bTYPE\b[^;]*?\bUSING\b`,
      'gi',
    ),
  ],
];

/** SQL without comments, string literals and dollar-quoted bodies (a function body is not run by the migration). */
function code(sql: string): string {
  return sql
    .replace(/\$([A-Za-z_]\w*)?\$[\s\S]*?\$\1\$/g, ' ')
    .replace(/'(?:[^']|'')*'/g, "''")
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ');
}

const part = (p: string) => (p.startsWith('"') ? p.slice(1, -1).replace(/""/g, '"') : p.toLowerCase());
const parse = (name: string): string[] => name.split(/\s*\.\s*(?=(?:[^"]*"[^"]*")*[^"]*$)/).map(part);

/** Is `name` (as written in SQL) one of the ledger tables? Unqualified names match by table name (search_path). */
function isLedgerTable(name: string, tables: readonly string[]): string | undefined {
  const p = parse(name.trim());
  for (const t of tables) {
    const q = t.split('.').map((x) => x.toLowerCase());
    if (p.length === 2 && q.length === 2 && p[0] === q[0] && p[1] === q[1]) return t;
    if (p.length === 1 && p[0] === q[q.length - 1]) return t;
    if (p.length === 2 && q.length === 1 && p[1] === q[0]) return t;
  }
  return undefined;
}

/**
 * Data-changing statements on ledger tables in a release's upgrade SQL (DESIGN §4): squawk lints
 * DDL and does not look at UPDATE/DELETE. History is append-only, so each is an error in every
 * release class, named by table and statement.
 */
export function ledgerDataChanges(sql: string, tables: readonly string[], file: string): Finding[] {
  const text = code(sql);
  const findings: Finding[] = [];
  for (const [id, re] of STATEMENTS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const names =
        id === 'ledger-data-truncate'
          ? (m[1] as string).split(',').map((n) => n.replace(/^\s*ONLY\s+/i, ''))
          : [m[1] as string];
      for (const n of names) {
        const table = isLedgerTable(n, tables);
        if (table === undefined) continue;
        const statement = m[0].replace(/\s+/g, ' ').slice(0, 80);
        findings.push({
          id,
          level: 'error',
          file,
          pointer: table,
          message: `${statement}…: ${LEDGER_DATA_RULES[id]} (${table}); history is append-only in every release class`,
        });
      }
    }
  }
  return findings;
}
