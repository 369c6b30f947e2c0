import { p256 } from '@noble/curves/nist.js';
import { ed25519PrivateKeyFromSeed, ed25519RawPublicKey } from '../lineage/ed25519-keys.js';
import type { NoteSigner } from '../lineage/signed-note.js';
import { formatVkey } from '../lineage/vkey.js';
import { sortBindings, type KeyBinding } from '../proofs/key-binding.js';
import { formatRfc3339 } from '../proofs/rfc3339.js';
import { es256Signer } from '../proofs/es256-signer.js';
import { ed25519Signer, type RecordSigner } from '../proofs/signers.js';
import type { ResolvedHistoryOptions } from './options.js';
import { seededBytes } from './seeded-bytes.js';

const DAY = 86_400;

export interface HistoryMaterial {
  /** Key bindings sorted by kid (the keys.jwks.json content). */
  bindings: KeyBinding[];
  /** One signer per key spec, in spec order. */
  signers: RecordSigner[];
  noteSigner: NoteSigner;
  noteVkey: string;
}

/** A P-256 scalar from the seed: rehash until it lies in [1, n-1] (almost always the first try). */
function p256Scalar(seed: string, label: string): Uint8Array {
  for (let i = 0; ; i++) {
    const s = seededBytes(seed, `${label}/${i}`);
    if (p256.utils.isValidSecretKey(s)) return s;
  }
}

/** Every key of a generated history, derived from the seed only. */
export function historyMaterial(o: ResolvedHistoryOptions): HistoryMaterial {
  const iat = (seq: number) => o.startTime + seq * o.secondsPerRecord;
  const signers = o.keys.map((k) =>
    k.alg === 'EdDSA'
      ? ed25519Signer(k.kid, seededBytes(o.seed, `key/${k.kid}`))
      : es256Signer(k.kid, p256Scalar(o.seed, `key/${k.kid}`)),
  );
  const bindings = o.keys.map((k, i): KeyBinding => {
    // valid_from a day before the first record it signs; valid_until at the first iat after its window.
    const until = k.toSeq === undefined ? null : iat(k.toSeq);
    return {
      ...(signers[i] as RecordSigner).jwk,
      kid: k.kid,
      alg: k.alg,
      use: 'sig',
      valid_from: formatRfc3339(iat(k.fromSeq) - (i === 0 ? DAY : 0)),
      valid_until: until === null ? null : formatRfc3339(until),
      revoked_at: k.revokedAfterWindow === true && until !== null ? formatRfc3339(until + DAY) : null,
    } as KeyBinding;
  });
  const noteKey = ed25519PrivateKeyFromSeed(seededBytes(o.seed, 'note-key'));
  return {
    bindings: sortBindings(bindings),
    signers,
    noteSigner: { name: o.noteKeyName, privateKey: noteKey },
    noteVkey: formatVkey(o.noteKeyName, ed25519RawPublicKey(noteKey)),
  };
}
