import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../errors/index.js';
import { isWithin } from '../is-within.js';
import { realPath } from '../real-path.js';

export interface OutputPath {
  /** The flag that named it, for the message (`--out`, `--report`). */
  flag: string;
  path: string | undefined;
  /** A folder the command (re)writes: no input may live inside it either. */
  dir?: boolean;
}

const isDir = (p: string) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/**
 * An input: a file, a folder read as a whole (nothing may be written inside it), or a folder of
 * which the command reads only `files` (a bundle, a contract version: a report beside them is fine).
 */
export type InputPath = string | { dir: string; files: readonly string[] } | undefined;

/**
 * Refuses (exit 2, before any work) an output that would overwrite or write into one of the
 * command's own inputs: `--out <candidate spec>`, `--out BUNDLE/records.jsonl`, `--out <config>`,
 * or an output folder that holds an input. Paths are compared after resolving symlinks.
 */
export function assertOutputsAreNotInputs(
  cwd: string,
  outputs: readonly OutputPath[],
  inputs: readonly InputPath[],
): void {
  const ins = inputs.flatMap((p) => {
    if (p === undefined || p === '') return [];
    if (typeof p === 'string') return [{ given: p, real: realPath(resolve(cwd, p)), whole: true }];
    // The folder itself, and each file read from it.
    return [
      { given: p.dir, real: realPath(resolve(cwd, p.dir)), whole: false },
      ...p.files.map((f) => ({ given: join(p.dir, f), real: realPath(resolve(cwd, p.dir, f)), whole: true })),
    ];
  });
  for (const o of outputs) {
    if (o.path === undefined || o.path === '') continue;
    const out = realPath(resolve(cwd, o.path));
    for (const i of ins) {
      const clash =
        out === i.real
          ? 'is the input'
          : i.whole && isDir(i.real) && isWithin(out, i.real)
            ? 'is inside the input folder'
            : o.dir === true && isWithin(i.real, out)
              ? 'is a folder holding the input'
              : undefined;
      if (clash !== undefined) {
        throw new UsageError(
          `${o.flag} ${o.path} ${clash} ${i.given}: writing there would destroy the command's own input`,
          {
            hint: `write the output somewhere else (e.g. ${o.dir ? 'a new folder' : 'report.json in the working folder'})`,
          },
        );
      }
    }
  }
}
