import { existsSync } from 'node:fs';
import { packagePath } from '../paths.js';

/**
 * The shared corpus (../shared/corpus beside the clone) is read in place, never copied in.
 * A user's clone does not have it: tests that need it skip with a visible message.
 */
export const CORPUS_DIR = process.env.PROOFGATE_CORPUS ?? packagePath('..', 'shared', 'corpus');

export function corpusPath(...segments: string[]): string {
  return [CORPUS_DIR, ...segments].join('/');
}

export function hasCorpus(...segments: string[]): boolean {
  const ok = existsSync(corpusPath(...segments));
  if (!ok) {
    process.stderr.write(
      `[proofgate tests] SKIPPED: shared corpus not found at ${corpusPath(...segments)} (set PROOFGATE_CORPUS to run these)\n`,
    );
  }
  return ok;
}
