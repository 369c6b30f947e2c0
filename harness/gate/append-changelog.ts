import { existsSync } from 'node:fs';
import { appendFile, writeFile } from 'node:fs/promises';
import { redactSecrets } from '../db/redact.js';
import { outputError } from '../report/output-error.js';
import type { StageOutcome } from './types.js';

export interface ChangelogEntry {
  date: string;
  pass: boolean;
  digest: string;
  outcomes: readonly StageOutcome[];
  releaseDir: string;
  codeSha?: string | undefined;
}

/** The Markdown of one dated Operations Changelog entry (deterministic for the same inputs). */
export function changelogEntry(e: ChangelogEntry): string {
  const lines = [
    `## ${e.date} — prod-gate ${e.pass ? 'PASS' : 'FAIL'}`,
    '',
    `- report digest: \`${e.digest}\``,
    ...(e.codeSha === undefined ? [] : [`- code: \`${e.codeSha}\``]),
    `- release folder: \`${e.releaseDir}\``,
    ...e.outcomes.map(
      (o) =>
        `- ${o.id}: ${o.status}${o.status !== 'pass' && o.reason ? ` — ${o.reason.replace(/\s+/g, ' ').slice(0, 200)}` : ''}`,
    ),
    '',
  ];
  return lines.join('\n');
}

/** Appends the entry; creates the file with a heading first if it does not exist (append-only log). */
export async function appendChangelog(file: string, entry: ChangelogEntry): Promise<void> {
  try {
    if (!existsSync(file)) {
      await writeFile(
        file,
        '# Operations Changelog\n\nOne entry per production gate run (appended by `proofgate prod-gate`).\n\n',
      );
    }
    await appendFile(file, `${redactSecrets(changelogEntry(entry))}\n`);
  } catch (e) {
    throw outputError('the Operations Changelog', file, e);
  }
}
