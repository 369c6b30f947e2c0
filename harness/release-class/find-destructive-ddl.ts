import type { DestructiveDdl } from './types.js';

// Statements that lose data or break a running older release (PostgreSQL DDL, and Alembic's op.*
// for Python migrations). The rehearsal's squawk pass is stricter; this is what classes a release.
const RULES: readonly [string, RegExp][] = [
  ['ddl-drop-table', /\bdrop\s+table\b|\bop\.drop_table\s*\(/i],
  ['ddl-drop-column', /\bdrop\s+column\b|\bop\.drop_column\s*\(/i],
  ['ddl-drop-schema', /\bdrop\s+(schema|database)\b/i],
  [
    'ddl-alter-column-type',
    /\balter\s+column\s+\S+\s+(set\s+data\s+)?type\b|\bop\.alter_column\s*\([^)]*\btype_\s*=/i,
  ],
  [
    'ddl-rename',
    /\brename\s+(column\s+\S+\s+)?to\b|\brename\s+column\b|\bop\.rename_table\s*\(|\bop\.alter_column\s*\([^)]*\bnew_column_name\s*=/i,
  ],
  ['ddl-truncate', /\btruncate\b/i],
  ['ddl-delete-rows', /\bdelete\s+from\b/i],
  ['ddl-set-not-null', /\bset\s+not\s+null\b|\bop\.alter_column\s*\([^)]*\bnullable\s*=\s*False/i],
];

/** Destructive statements among the added lines of migration files (SQL comments ignored). */
export function findDestructiveDdl(addedLines: ReadonlyMap<string, readonly string[]>): DestructiveDdl[] {
  const out: DestructiveDdl[] = [];
  for (const [file, lines] of [...addedLines].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const raw of lines) {
      const line = raw.replace(/--.*$/, '').replace(/#.*$/, '').trim();
      if (line === '') continue;
      for (const [id, re] of RULES) if (re.test(line)) out.push({ id, file, line: raw.trim().slice(0, 200) });
    }
  }
  return out;
}

export const DESTRUCTIVE_DDL_IDS: readonly string[] = RULES.map(([id]) => id);
