import { sign, type KeyObject } from 'node:crypto';
import { verifyEd25519 } from '../ed25519/index.js';
import { ed25519RawPublicKey } from './ed25519-keys.js';
import { NoteFormatError } from './note-format-error.js';
import { decodeStdBase64, encodeStdBase64 } from './std-base64.js';
import { isValidKeyName, noteKeyId, parseVkey, type NoteVerifier } from './vkey.js';

// C2SP signed-note: TEXT (ends in "\n") ‖ "\n" ‖ one or more "— NAME BASE64(KEYID4 ‖ SIG)\n".
// The text may contain blank lines, so it ends at the LAST blank line.
const SIG_PREFIX = '\u2014 ';

export interface NoteSignature {
  keyName: string;
  keyIdHex: string;
  signature: Uint8Array;
}

export interface ParsedNote {
  text: string;
  signatures: NoteSignature[];
}

export function parseNote(note: string): ParsedNote {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new NoteFormatError('signed note has no blank line before its signatures');
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f\u007f]/.test(note)) {
    throw new NoteFormatError('signed note contains control characters');
  }
  if (!block.endsWith('\n') || block.length === 0) {
    throw new NoteFormatError('signed note has no signature lines (or they do not end in a newline)');
  }
  const signatures = block
    .slice(0, -1)
    .split('\n')
    .map((line, i) => {
      if (!line.startsWith(SIG_PREFIX)) {
        throw new NoteFormatError(`signature line ${i + 1} does not start with "— "`);
      }
      const rest = line.slice(SIG_PREFIX.length).split(' ');
      if (rest.length !== 2) throw new NoteFormatError(`signature line ${i + 1} is not "— NAME SIG"`);
      const [keyName, b64] = rest as [string, string];
      if (!isValidKeyName(keyName)) throw new NoteFormatError(`signature line ${i + 1}: bad key name`);
      const raw = decodeStdBase64(b64);
      if (raw === undefined || raw.length < 5) {
        throw new NoteFormatError(`signature line ${i + 1}: signature is not canonical base64`);
      }
      return {
        keyName,
        keyIdHex: Buffer.from(raw.subarray(0, 4)).toString('hex'),
        signature: raw.subarray(4),
      };
    });
  return { text, signatures };
}

export interface NoteSigner {
  name: string;
  /** Ed25519 private key. */
  privateKey: KeyObject;
}

/** Signs `text` (must end in "\n") with Ed25519 and returns the signed note. */
export function signNote(text: string, signer: NoteSigner): string {
  if (!text.endsWith('\n')) {
    throw new NoteFormatError('note text must end with a newline');
  }
  if (!isValidKeyName(signer.name)) throw new NoteFormatError('invalid note key name');
  const id = noteKeyId(signer.name, ed25519RawPublicKey(signer.privateKey));
  const sig = sign(null, Buffer.from(text, 'utf8'), signer.privateKey);
  return `${text}\n${SIG_PREFIX}${signer.name} ${encodeStdBase64(Uint8Array.of(...id, ...sig))}\n`;
}

export type NoteVerification =
  { ok: true; text: string; verifiedBy: string[] } | { ok: false; reason: string };

/**
 * Verifies a signed note against trusted keys (vkey strings or parsed verifiers). Valid when at
 * least one trusted key signed it and no signature that claims a trusted key (name + key ID) fails.
 * Signatures by unknown keys are ignored, as C2SP allows (e.g. witness cosignatures).
 */
export function verifyNote(note: string, trusted: readonly (string | NoteVerifier)[]): NoteVerification {
  let parsed: ParsedNote;
  let keys: NoteVerifier[];
  try {
    parsed = parseNote(note);
    keys = trusted.map((k) => (typeof k === 'string' ? parseVkey(k) : k));
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
  const data = Buffer.from(parsed.text, 'utf8');
  const verifiedBy: string[] = [];
  for (const s of parsed.signatures) {
    const key = keys.find((k) => k.name === s.keyName && k.keyIdHex === s.keyIdHex);
    if (key === undefined) continue;
    // libsodium first where it loads (an anchor a thousand records: ~1000 notes before a run's
    // first batch), node:crypto's verdict always (see verifyEd25519); not 64 bytes is refused.
    if (!verifyEd25519(key.keyObject, data, s.signature)) {
      return { ok: false, reason: `signature by ${s.keyName}+${s.keyIdHex} does not verify` };
    }
    verifiedBy.push(key.vkey);
  }
  if (verifiedBy.length === 0) return { ok: false, reason: 'no signature by a trusted note key' };
  return { ok: true, text: parsed.text, verifiedBy };
}
