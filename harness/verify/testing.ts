import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateHistory, type GeneratedHistory } from '../history/index.js';

/** A fresh generated bundle in a temp folder, with line-level edit helpers for tamper tests. */
export async function tempBundle(
  records = 300,
  anchorEvery = 50,
  seed = 'verify-tests',
): Promise<{
  dir: string;
  history: GeneratedHistory;
  lines(): Promise<string[]>;
  setLines(lines: string[]): Promise<void>;
  editJson(file: string, edit: (v: any) => unknown): Promise<void>;
  remove(): Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'proofgate-verify-'));
  const history = await generateHistory({ out: dir, seed, records, anchorEvery });
  const recordsFile = join(dir, 'records.jsonl');
  return {
    dir,
    history,
    lines: async () => (await readFile(recordsFile, 'utf8')).split('\n').filter((l) => l !== ''),
    setLines: (lines) => writeFile(recordsFile, lines.map((l) => `${l}\n`).join('')),
    editJson: async (file, edit) => {
      const p = join(dir, file);
      const isJsonl = file.endsWith('.jsonl');
      const text = await readFile(p, 'utf8');
      const value = isJsonl
        ? text
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l))
        : JSON.parse(text);
      const out = edit(value) ?? value;
      await writeFile(
        p,
        isJsonl
          ? (out as unknown[]).map((v) => `${JSON.stringify(v)}\n`).join('')
          : `${JSON.stringify(out, null, 2)}\n`,
      );
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
