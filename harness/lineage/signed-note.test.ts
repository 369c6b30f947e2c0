import { verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ed25519Engine } from '../ed25519/index.js';
import {
  ed25519PrivateKeyFromSeed,
  ed25519RawPublicKey,
  formatCheckpoint,
  formatVkey,
  NoteFormatError,
  parseCheckpoint,
  parseNote,
  parseVkey,
  signCheckpoint,
  signNote,
  verifyCheckpoint,
  verifyNote,
} from './index.js';

const key = (n: number, name = 'log.example/a') => {
  const privateKey = ed25519PrivateKeyFromSeed(new Uint8Array(32).fill(n));
  return { signer: { name, privateKey }, vkey: formatVkey(name, ed25519RawPublicKey(privateKey)) };
};
const a = key(1);
const b = key(2, 'witness.example/w');
const root = new Uint8Array(32).fill(9);

describe('C2SP signed notes', () => {
  it('signs and verifies; vkey round-trips', () => {
    const note = signNote('hello\n', a.signer);
    expect(verifyNote(note, [a.vkey])).toEqual({ ok: true, text: 'hello\n', verifiedBy: [a.vkey] });
    expect(parseVkey(a.vkey).vkey).toBe(a.vkey);
    expect(formatVkey(parseVkey(a.vkey).name, parseVkey(a.vkey).publicKey)).toBe(a.vkey);
  });

  it('vkeys whose base64 holds "+" round-trip (names never hold "+", keys may)', () => {
    const withPlus = Array.from({ length: 64 }, (_, i) => key(i + 3)).filter(
      (k) => k.vkey.split('+').length > 3,
    );
    expect(withPlus.length).toBeGreaterThan(0);
    for (const k of withPlus) {
      expect(parseVkey(k.vkey).vkey).toBe(k.vkey);
      expect(verifyNote(signNote('x\n', k.signer), [k.vkey]).ok).toBe(true);
    }
  });

  it('accepts a cosigned note when one trusted key signed and ignores unknown signers', () => {
    const note = signNote('hello\n', a.signer);
    const cosig = signNote('hello\n', b.signer).split('\n\n')[1] as string;
    const both = `${note}${cosig}`;
    expect(parseNote(both).signatures.map((s) => s.keyName)).toEqual(['log.example/a', 'witness.example/w']);
    expect(verifyNote(both, [a.vkey]).ok).toBe(true);
    expect(verifyNote(both, [a.vkey, b.vkey])).toMatchObject({ ok: true, verifiedBy: [a.vkey, b.vkey] });
  });

  it.each([
    ['a different key', () => verifyNote(signNote('hello\n', a.signer), [key(3).vkey])],
    ['no trusted keys', () => verifyNote(signNote('hello\n', a.signer), [])],
    ['changed text', () => verifyNote(signNote('hello\n', a.signer).replace('hello', 'hellO'), [a.vkey])],
    ['no blank line', () => verifyNote('hello\n— log.example/a AAAA\n', [a.vkey])],
    ['no final newline', () => verifyNote(signNote('hello\n', a.signer).slice(0, -1), [a.vkey])],
    ['signature not base64', () => verifyNote('hello\n\n— log.example/a !!!!\n', [a.vkey])],
    [
      'a signature line claiming the trusted key but made by another',
      () => {
        const forged = signNote('hello\n', key(4, 'log.example/a').signer);
        const id = Buffer.from(parseVkey(a.vkey).keyIdHex, 'hex');
        const sig = Buffer.from(forged.split(' ').pop() as string, 'base64').subarray(4);
        return verifyNote(`hello\n\n— log.example/a ${Buffer.concat([id, sig]).toString('base64')}\n`, [
          a.vkey,
        ]);
      },
    ],
  ])('refuses: %s', (_name, run) => {
    expect(run().ok).toBe(false);
  });

  it('checks note signatures through the shared Ed25519 verifier: node:crypto verdicts on mutated signatures', () => {
    // libsodium runs first where it loads (engine below); each verdict must still be OpenSSL's.
    const L = (1n << 252n) + 27742317777372353535851937790883648493n;
    const note = signNote('origin\n42\nroot\n', a.signer);
    const [text, line] = note.split('\n\n') as [string, string];
    const raw = Buffer.from(line.trim().split(' ').pop() as string, 'base64');
    const sig = raw.subarray(4);
    const le = (b: Uint8Array) => BigInt(`0x${Buffer.from(b).reverse().toString('hex')}`);
    const toLe = (n: bigint) => Buffer.from(n.toString(16).padStart(64, '0'), 'hex').reverse();
    const mutations: [string, Buffer][] = [
      ['as signed', Buffer.from(sig)],
      ...[0, 31, 32, 63].map((i): [string, Buffer] => {
        const m = Buffer.from(sig);
        m[i] = (m[i] as number) ^ 0x01;
        return [`bit flip at byte ${i}`, m];
      }),
      ['S + L (non-canonical)', Buffer.concat([sig.subarray(0, 32), toLe(le(sig.subarray(32)) + L)])],
      ['63 bytes', Buffer.from(sig.subarray(0, 63))],
    ];
    const keyObject = parseVkey(a.vkey).keyObject;
    for (const [name, m] of mutations) {
      const forged = `${text}\n\n— log.example/a ${Buffer.concat([raw.subarray(0, 4), m]).toString('base64')}\n`;
      const openssl = m.length === 64 && verify(null, Buffer.from(`${text}\n`), keyObject, m);
      expect(verifyNote(forged, [a.vkey]).ok, name).toBe(openssl);
    }
    expect(verifyNote(note, [a.vkey]).ok).toBe(true);
    expect(['libsodium', 'node:crypto']).toContain(ed25519Engine().name);
  });

  it.each([
    ['three parts', 'a+b'],
    ['key id not hex', 'log.example/a+XXXXXXXX+AQ=='],
    ['key id does not match', a.vkey.replace(/\+[0-9a-f]{8}\+/, '+00000000+')],
    ['not Ed25519', a.vkey.replace(/\+A[^+]*$/, '+Ag==')],
  ])('parseVkey refuses %s', (_name, vkey) => {
    expect(() => parseVkey(vkey)).toThrow(NoteFormatError);
  });
});

describe('C2SP tlog checkpoints', () => {
  it('formats, signs, parses and verifies a checkpoint with its origin', () => {
    const text = formatCheckpoint({ origin: 'log.example/a', treeSize: 42, rootHash: root });
    expect(text).toBe(`log.example/a\n42\n${Buffer.from(root).toString('base64')}\n`);
    const note = signCheckpoint({ origin: 'log.example/a', treeSize: 42, rootHash: root }, a.signer);
    const v = verifyCheckpoint(note, [a.vkey], 'log.example/a');
    expect(v.ok && v.checkpoint.treeSize).toBe(42);
    expect(verifyCheckpoint(note, [a.vkey], 'log.example/other').ok).toBe(false);
    expect(parseCheckpoint(note).rootHash).toEqual(root);
  });

  it.each([
    ['leading zero size', 'o\n042\nCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQk=\n'],
    ['negative size', 'o\n-1\nCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQk=\n'],
    ['short root', 'o\n1\nCQkJ\n'],
    ['missing root line', 'o\n1\n'],
    ['empty origin', '\n1\nCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQk=\n'],
  ])('parseCheckpoint refuses %s', (_name, text) => {
    expect(() => parseCheckpoint(text)).toThrow(NoteFormatError);
  });
});
