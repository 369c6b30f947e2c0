import { createHash, type KeyObject } from 'node:crypto';
import { ed25519PublicKeyFromRaw } from './ed25519-keys.js';
import { NoteFormatError } from './note-format-error.js';
import { decodeStdBase64, encodeStdBase64 } from './std-base64.js';

/** C2SP signed-note signature type for Ed25519. */
export const NOTE_ALG_ED25519 = 0x01;

export interface NoteVerifier {
  /** Key name: non-empty, no whitespace, no '+'. */
  name: string;
  /** The 4-byte key ID as 8 lowercase hex digits. */
  keyIdHex: string;
  publicKey: Uint8Array;
  keyObject: KeyObject;
  /** The vkey string this verifier came from (or would format to). */
  vkey: string;
}

/** C2SP signed-note: key ID = SHA-256(name ‖ 0x0A ‖ 0x01 ‖ pubkey)[:4]. */
export function noteKeyId(name: string, publicKey: Uint8Array): Uint8Array {
  return new Uint8Array(
    createHash('sha256')
      .update(name, 'utf8')
      .update(Uint8Array.of(0x0a, NOTE_ALG_ED25519))
      .update(publicKey)
      .digest()
      .subarray(0, 4),
  );
}

export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name);
}

/** `NAME+HEX8KEYID+BASE64(0x01 ‖ PUB32)`. */
export function formatVkey(name: string, publicKey: Uint8Array): string {
  if (!isValidKeyName(name)) throw new NoteFormatError(`invalid note key name ${JSON.stringify(name)}`);
  if (publicKey.length !== 32) throw new NoteFormatError('Ed25519 public key must be 32 bytes');
  const id = Buffer.from(noteKeyId(name, publicKey)).toString('hex');
  return `${name}+${id}+${encodeStdBase64(Uint8Array.of(NOTE_ALG_ED25519, ...publicKey))}`;
}

/** Parses a vkey and checks that its key ID is the one the key-ID rule gives. */
export function parseVkey(vkey: string): NoteVerifier {
  // C2SP signed-note: names never hold '+', but standard base64 keys may, so split at the first two only.
  const first = vkey.indexOf('+');
  const second = first < 0 ? -1 : vkey.indexOf('+', first + 1);
  if (second < 0) throw new NoteFormatError('vkey must be NAME+KEYID+KEY');
  const [name, idHex, keyB64] = [vkey.slice(0, first), vkey.slice(first + 1, second), vkey.slice(second + 1)];
  if (!isValidKeyName(name)) throw new NoteFormatError(`invalid note key name ${JSON.stringify(name)}`);
  if (!/^[0-9a-f]{8}$/.test(idHex)) throw new NoteFormatError('vkey key ID must be 8 lowercase hex digits');
  const key = decodeStdBase64(keyB64);
  if (key === undefined) throw new NoteFormatError('vkey key is not canonical base64');
  if (key[0] !== NOTE_ALG_ED25519 || key.length !== 33) {
    throw new NoteFormatError('only Ed25519 vkeys (type 0x01, 32-byte key) are supported');
  }
  const publicKey = key.subarray(1);
  if (Buffer.from(noteKeyId(name, publicKey)).toString('hex') !== idHex) {
    throw new NoteFormatError('vkey key ID does not match its name and key');
  }
  let keyObject: KeyObject;
  try {
    keyObject = ed25519PublicKeyFromRaw(publicKey);
  } catch {
    throw new NoteFormatError('vkey holds an invalid Ed25519 public key');
  }
  return { name, keyIdHex: idHex, publicKey, keyObject, vkey };
}
