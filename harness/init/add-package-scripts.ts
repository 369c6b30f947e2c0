import { readFile } from 'node:fs/promises';
import { findDuplicateKey } from '../openapi/duplicate-keys.js';
import { writeFileAtomic } from '../report/index.js';

/** The scripts teams run: `npm run check:openapi` before a merge, `pnpm test:prod-gate` in CI. */
export const PACKAGE_SCRIPTS = {
  'check:openapi': 'proofgate check-openapi',
  'test:prod-gate': 'proofgate prod-gate',
} as const;

export type ScriptsOutcome =
  | { kind: 'no-package-json' }
  | { kind: 'unreadable'; reason: string }
  | { kind: 'updated'; added: string[]; kept: string[] };

/**
 * Adds the missing proofgate scripts to package.json. A script of the same name is the team's and
 * is never replaced; member order and indentation are kept (npm writes package.json the same way).
 */
export async function addPackageScripts(file: string): Promise<ScriptsOutcome> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'no-package-json' };
    return { kind: 'unreadable', reason: (e as Error).message };
  }
  let pkg: unknown;
  try {
    pkg = JSON.parse(text);
  } catch (e) {
    return { kind: 'unreadable', reason: `not valid JSON (${(e as Error).message})` };
  }
  // Rewriting would drop the first of two same-named members, changing what the team wrote.
  const twice = findDuplicateKey(text);
  if (twice !== undefined)
    return { kind: 'unreadable', reason: `"${twice.key}" appears twice at line ${twice.line}` };
  if (typeof pkg !== 'object' || pkg === null || Array.isArray(pkg))
    return { kind: 'unreadable', reason: 'not a JSON object' };
  const record = pkg as Record<string, unknown>;
  const scripts = record.scripts ?? {};
  if (typeof scripts !== 'object' || scripts === null || Array.isArray(scripts))
    return { kind: 'unreadable', reason: '"scripts" is not an object' };
  const have = scripts as Record<string, unknown>;
  const added = Object.keys(PACKAGE_SCRIPTS).filter((name) => !(name in have));
  const kept = Object.keys(PACKAGE_SCRIPTS).filter((name) => name in have);
  if (added.length === 0) return { kind: 'updated', added, kept };
  record.scripts = {
    ...have,
    ...Object.fromEntries(added.map((n) => [n, PACKAGE_SCRIPTS[n as keyof typeof PACKAGE_SCRIPTS]])),
  };
  const indent = /^[ \t]+(?=")/m.exec(text)?.[0] ?? '  ';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const out = JSON.stringify(record, null, indent).replace(/\n/g, eol) + (/\r?\n$/.test(text) ? eol : '');
  await writeFileAtomic(file, out);
  return { kind: 'updated', added, kept };
}
