import { randomBytes } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join, posix } from 'node:path';
import { UsageError } from '../errors/index.js';
import { outputError } from '../report/output-error.js';
import { lockFolder } from './folder-lock.js';
import { parseReleaseManifest } from './release-manifest.js';

export { RELEASE_FOLDER_FORMAT } from './release-manifest.js';
const TMP_INFIX = '.proofgate-tmp-';

/** A release folder being written: stages run, files go to `tmp`, commit() swaps it into place. */
export interface OpenReleaseFolder {
  /** Where the release ends up. */
  dir: string;
  /** Fresh sibling folder the files are written to. */
  tmp: string;
  /** rename(2) tmp → dir: readers see the whole new release or none. */
  commit(): Promise<void>;
  /** Removes tmp when not committed and frees the lock; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Everything that can refuse a release folder, done before any stage runs: take the folder's
 * lock (a second gate run on it exits 2), refuse a folder holding anything proofgate's manifest
 * does not list (nothing is deleted then), check that it and $GITHUB_STEP_SUMMARY are writable,
 * and remove the previous run's files (only those its manifest lists), so a run that is killed
 * or fails to write never leaves an earlier PASS that reads as its own.
 */
export async function openReleaseFolder(
  dir: string,
  options: { githubStepSummary?: string | undefined } = {},
): Promise<OpenReleaseFolder> {
  const parent = dirname(dir);
  try {
    await mkdir(parent, { recursive: true });
  } catch (e) {
    throw outputError('the release folder', dir, e);
  }
  const lock = await lockFolder(dir);
  let tmp: string | undefined;
  let committed = false;
  try {
    const listed = ownedFiles(dir);
    await sweepTemps(dir);
    tmp = join(parent, `.${basename(dir)}${TMP_INFIX}${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      await mkdir(tmp);
    } catch (e) {
      throw outputError('the release folder', dir, e);
    }
    if (options.githubStepSummary !== undefined && options.githubStepSummary !== '')
      await checkAppendable(options.githubStepSummary);
    if (listed !== undefined) await removeListed(dir, listed);
  } catch (e) {
    if (tmp !== undefined) await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    await lock.release();
    throw e;
  }
  const tmpDir = tmp;
  return {
    dir,
    tmp: tmpDir,
    async commit() {
      try {
        await rename(tmpDir, dir); // dir is gone or empty (removed at open)
        committed = true;
      } catch (e) {
        throw outputError('the release folder', dir, e);
      }
    },
    async close() {
      if (!committed) await rm(tmpDir, { recursive: true, force: true }).catch(() => undefined);
      await lock.release(); // frees only our own lock file: a second call is harmless
    },
  };
}

/**
 * The files a previous run listed in dir/manifest.json (plus the manifest itself), or undefined
 * when dir is missing or empty. Anything else in dir makes it foreign: refused, untouched.
 */
function ownedFiles(dir: string): string[] | undefined {
  let st;
  try {
    st = lstatSync(dir);
  } catch {
    return undefined;
  }
  if (!st.isDirectory())
    throw new UsageError(`--out-dir ${dir} exists and is not a folder`, {
      hint: 'choose a new or empty folder',
    });
  const present = walk(dir, '');
  if (present.length === 0) return undefined;
  const refuse = (why: string, extra: string[] = []): never => {
    const names = extra.length > 0 ? `: ${extra.slice(0, 5).join(', ')}${extra.length > 5 ? ', …' : ''}` : '';
    throw new UsageError(`--out-dir ${dir} ${why}${names}; refusing to use it (nothing was deleted)`, {
      hint: 'choose a new or empty folder with --out-dir (or gate.outDir), or move those files out',
    });
  };
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(dir, 'manifest.json'));
  } catch {
    return refuse('is not empty and has no proofgate release manifest', present);
  }
  const manifest = parseReleaseManifest(bytes);
  if ('invalid' in manifest) return refuse(`has a manifest.json that ${manifest.invalid}`);
  const listed = new Set<string>(['manifest.json', ...manifest.files.map((f) => f.path)]);
  const foreign = present.filter((p) => !listed.has(p));
  if (foreign.length > 0) return refuse('holds files proofgate did not write', foreign);
  return present;
}

/** Every non-folder entry under dir, relative with '/'; an empty sub-folder counts as an entry. */
function walk(dir: string, prefix: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix === '' ? e.name : `${prefix}/${e.name}`;
    if (e.isDirectory()) {
      const inner = walk(dir, rel);
      out.push(...(inner.length === 0 ? [`${rel}/`] : inner));
    } else out.push(rel);
  }
  return out.sort();
}

/** The reports first, the manifest last, then the folders that held them (only when empty). */
async function removeListed(dir: string, files: string[]): Promise<void> {
  const order = [
    ...files.filter((f) => f === 'report.json'),
    ...files.filter((f) => f !== 'report.json' && f !== 'manifest.json'),
    ...files.filter((f) => f === 'manifest.json'),
  ];
  try {
    for (const f of order) await rm(join(dir, f), { force: true });
    const dirs = [...new Set(files.map((f) => posix.dirname(f)).filter((d) => d !== '.'))].sort(
      (a, b) => b.length - a.length,
    );
    for (const d of dirs) await rmdir(join(dir, d)).catch(() => undefined);
    await rmdir(dir);
  } catch (e) {
    throw outputError('the release folder', dir, e);
  }
}

/** Temp folders of earlier runs that died before their rename (the lock says none is alive). */
async function sweepTemps(dir: string): Promise<void> {
  const prefix = `.${basename(dir)}${TMP_INFIX}`;
  let names: string[];
  try {
    names = await readdir(dirname(dir));
  } catch {
    return;
  }
  for (const n of names)
    if (n.startsWith(prefix))
      await rm(join(dirname(dir), n), { recursive: true, force: true }).catch(() => undefined);
}

/** $GITHUB_STEP_SUMMARY must take an append; checked before the stages, not after them. */
async function checkAppendable(file: string): Promise<void> {
  try {
    const st = await stat(file).catch(() => undefined);
    if (st?.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    const fh = await open(file, 'a');
    await fh.close();
  } catch (e) {
    throw outputError(
      '$GITHUB_STEP_SUMMARY',
      file,
      e,
      'GITHUB_STEP_SUMMARY must name a writable file (GitHub Actions sets it); unset it outside Actions',
    );
  }
}
