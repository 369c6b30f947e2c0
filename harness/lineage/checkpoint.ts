import { HASH_SIZE } from './hash.js';
import { NoteFormatError } from './note-format-error.js';
import { parseNote, signNote, verifyNote, type NoteSigner } from './signed-note.js';
import { decodeStdBase64, encodeStdBase64 } from './std-base64.js';
import type { NoteVerifier } from './vkey.js';

/** C2SP tlog-checkpoint body: origin, decimal tree size, base64 root, optional extension lines. */
export interface Checkpoint {
  origin: string;
  treeSize: number;
  rootHash: Uint8Array;
  extensions: string[];
}

/** The note text of a checkpoint (what gets signed). */
export function formatCheckpoint(cp: Omit<Checkpoint, 'extensions'> & { extensions?: string[] }): string {
  if (cp.origin.length === 0 || cp.origin.includes('\n')) throw new NoteFormatError('bad origin');
  if (!Number.isSafeInteger(cp.treeSize) || cp.treeSize < 0) throw new NoteFormatError('bad tree size');
  if (cp.rootHash.length !== HASH_SIZE) throw new NoteFormatError('root hash must be 32 bytes');
  const ext = (cp.extensions ?? []).map((l) => `${l}\n`).join('');
  return `${cp.origin}\n${cp.treeSize}\n${encodeStdBase64(cp.rootHash)}\n${ext}`;
}

/**
 * Parses a checkpoint from a signed note (or from bare note text). Does not verify signatures:
 * use `verifyCheckpoint` for that.
 */
export function parseCheckpoint(noteOrText: string): Checkpoint {
  const text = noteOrText.includes('\n\n') ? parseNote(noteOrText).text : noteOrText;
  if (!text.endsWith('\n')) throw new NoteFormatError('checkpoint text must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw new NoteFormatError('checkpoint needs origin, tree size and root lines');
  const [origin, size, root, ...extensions] = lines as [string, string, string, ...string[]];
  if (origin.length === 0) throw new NoteFormatError('checkpoint origin is empty');
  if (!/^(0|[1-9][0-9]*)$/.test(size) || !Number.isSafeInteger(Number(size))) {
    throw new NoteFormatError('checkpoint tree size is not a canonical decimal number');
  }
  const rootHash = decodeStdBase64(root);
  if (rootHash === undefined || rootHash.length !== HASH_SIZE) {
    throw new NoteFormatError('checkpoint root is not base64 of 32 bytes');
  }
  if (extensions.some((l) => l.length === 0)) throw new NoteFormatError('empty checkpoint extension line');
  return { origin, treeSize: Number(size), rootHash, extensions };
}

/** Signs a checkpoint with an Ed25519 note key: the anchor format of a bundle. */
export function signCheckpoint(
  cp: Omit<Checkpoint, 'extensions'> & { extensions?: string[] },
  signer: NoteSigner,
): string {
  return signNote(formatCheckpoint(cp), signer);
}

export type CheckpointVerification =
  { ok: true; checkpoint: Checkpoint; verifiedBy: string[] } | { ok: false; reason: string };

/** Verifies the note signature against trusted note keys, then parses and checks the origin. */
export function verifyCheckpoint(
  note: string,
  trusted: readonly (string | NoteVerifier)[],
  expectedOrigin?: string,
): CheckpointVerification {
  const v = verifyNote(note, trusted);
  if (!v.ok) return v;
  let checkpoint: Checkpoint;
  try {
    checkpoint = parseCheckpoint(v.text);
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
  if (expectedOrigin !== undefined && checkpoint.origin !== expectedOrigin) {
    return {
      ok: false,
      reason: `checkpoint origin ${JSON.stringify(checkpoint.origin)} is not ${JSON.stringify(expectedOrigin)}`,
    };
  }
  return { ok: true, checkpoint, verifiedBy: v.verifiedBy };
}
