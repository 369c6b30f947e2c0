import { createPrivateKey, createPublicKey, sign as nodeSign } from 'node:crypto';
import fc from 'fast-check';
import * as jose from 'jose';
import { describe, expect, it } from 'vitest';
import { historyMaterial, historyRecords, resolveHistoryOptions } from '../history/index.js';
import { leafHash } from '../lineage/index.js';
import { canonicalJson } from '../report/index.js';
import {
  RecordVerifier,
  ZERO_PREV,
  encodeBase64url,
  formatRfc3339,
  publicJwk,
  verifyRecord,
  type KeyBinding,
  type OutcomeCode,
  type RecordClaims,
  type RecordSigner,
} from './index.js';

// Table-driven tampering at the record level: each forged record asserts its exact outcome, and
// every verdict is cross-checked against jose (the reference for what a valid JWS is).
const START = 1_700_000_000;
const options = resolveHistoryOptions({
  seed: 'tamper',
  records: 30,
  anchorEvery: 0,
  startTime: START,
  keys: [
    { alg: 'EdDSA', fromSeq: 0, toSeq: 10, revokedAfterWindow: true },
    { alg: 'ES256', fromSeq: 10, toSeq: 20 },
    { alg: 'EdDSA', fromSeq: 20 },
  ],
});
const material = historyMaterial(options);
const [k1, k2, k3] = material.signers as [RecordSigner, RecordSigner, RecordSigner];
const iat = (seq: number) => START + seq * 60;
// k3 is revoked at the iat of seq 25: records it signed before stay valid, later ones do not.
const bindings: KeyBinding[] = material.bindings.map((b) =>
  b.kid === k3.kid ? { ...b, revoked_at: formatRfc3339(iat(25)) } : b,
);
const bindingOf = (kid: string) => bindings.find((b) => b.kid === kid) as KeyBinding;

function claims(seq: number, extra: Partial<RecordClaims> = {}): RecordClaims {
  return { log: options.origin, seq, prev: ZERO_PREV, iat: iat(seq), statement: { n: seq }, ...extra };
}

const b64 = (s: string) => encodeBase64url(s);
const header = (s: RecordSigner, extra: Record<string, unknown> = {}) =>
  canonicalJson({ alg: s.alg, kid: s.kid, typ: 'proofgate-record+jws', ...extra });

/** Builds a compact JWS from raw header/payload texts; `signer` signs whatever input results. */
function forge(
  headerText: string,
  payloadText: string,
  signer: RecordSigner,
  post: (sig: Uint8Array) => string = (s) => encodeBase64url(s),
): string {
  const input = `${b64(headerText)}.${b64(payloadText)}`;
  return `${input}.${post(signer.sign(Buffer.from(input, 'latin1')))}`;
}
const record = (s: RecordSigner, c: RecordClaims) => forge(header(s), canonicalJson(c), s);

/** ES256 signature re-encoded as DER (what a careless signer emits): RFC 7518 §3.4 forbids it. */
function toDer(raw: Uint8Array): string {
  const int = (b: Uint8Array) => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    const v = b.subarray(i);
    const body = (v[0] as number) & 0x80 ? Buffer.concat([Buffer.of(0), v]) : Buffer.from(v);
    return Buffer.concat([Buffer.of(0x02, body.length), body]);
  };
  const seq = Buffer.concat([int(raw.subarray(0, 32)), int(raw.subarray(32))]);
  return encodeBase64url(Buffer.concat([Buffer.of(0x30, seq.length), seq]));
}

const flipFirst = (seg: string) => (seg[0] === 'A' ? 'B' : 'A') + seg.slice(1);
const withSig = (jws: string, f: (sig: string) => string) => {
  const p = jws.split('.');
  return `${p[0]}.${p[1]}.${f(p[2] as string)}`;
};
// An Ed25519 key outside the bindings, for "signed by someone else" cases.
const attacker = createPrivateKey({
  key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.alloc(32, 7)]),
  format: 'der',
  type: 'pkcs8',
});
const attackerJwk = createPublicKey(attacker).export({ format: 'jwk' });
const asKid = (s: RecordSigner, kid: string): RecordSigner => ({ ...s, kid });
const hs256 = (kid: string): RecordSigner => ({
  ...k1,
  kid,
  alg: 'HS256' as never,
  sign: (input) => new Uint8Array(nodeSign(null, input, attacker)),
});

type Row = [
  string,
  { jws: string; want: OutcomeCode; context?: { log?: string; seq?: number; prev?: string } },
];
const rows: Row[] = [
  ['valid EdDSA record', { jws: record(k1, claims(1)), want: 'ok' }],
  ['valid ES256 record', { jws: record(k2, claims(11)), want: 'ok' }],
  ['valid record of a key revoked later', { jws: record(k3, claims(24)), want: 'ok' }],
  [
    'bad signature (one bit flipped)',
    { jws: withSig(record(k1, claims(2)), flipFirst), want: 'bad-signature' },
  ],
  [
    'tampered payload',
    {
      jws: `${record(k1, claims(2)).split('.')[0]}.${b64(canonicalJson(claims(3)))}.${record(k1, claims(2)).split('.')[2]}`,
      want: 'bad-signature',
    },
  ],
  ['unknown kid', { jws: record(asKid(k1, 'k9-unknown'), claims(3)), want: 'unknown-kid' }],
  [
    'alg mismatch with the bound key (ES256 header, EdDSA key)',
    { jws: forge(header({ ...k2, kid: k1.kid }), canonicalJson(claims(4)), k2), want: 'alg-not-allowed' },
  ],
  [
    'alg none',
    {
      jws: `${b64(header({ ...k1, alg: 'none' as never }))}.${b64(canonicalJson(claims(4)))}.`,
      want: 'alg-not-allowed',
    },
  ],
  [
    'HS256 confusion',
    { jws: forge(header(hs256(k1.kid)), canonicalJson(claims(4)), hs256(k1.kid)), want: 'alg-not-allowed' },
  ],
  [
    'embedded jwk header (attacker key)',
    {
      jws: forge(header(k1, { jwk: attackerJwk }), canonicalJson(claims(5)), {
        ...k1,
        sign: (i) => new Uint8Array(nodeSign(null, i, attacker)),
      }),
      want: 'header-policy',
    },
  ],
  [
    'jku header',
    {
      jws: forge(header(k1, { jku: 'https://attacker.example/jwks' }), canonicalJson(claims(5)), k1),
      want: 'header-policy',
    },
  ],
  [
    'crit header',
    { jws: forge(header(k1, { crit: ['x'], x: 1 }), canonicalJson(claims(5)), k1), want: 'header-policy' },
  ],
  [
    'b64:false header',
    {
      jws: forge(header(k1, { b64: false, crit: ['b64'] }), canonicalJson(claims(5)), k1),
      want: 'header-policy',
    },
  ],
  [
    'duplicate header member',
    {
      jws: forge(
        `{"alg":"EdDSA","kid":"${k1.kid}","kid":"${k1.kid}","typ":"proofgate-record+jws"}`,
        canonicalJson(claims(5)),
        k1,
      ),
      want: 'header-policy',
    },
  ],
  [
    'header not in JCS member order',
    {
      jws: forge(
        `{"kid":"${k1.kid}","alg":"EdDSA","typ":"proofgate-record+jws"}`,
        canonicalJson(claims(5)),
        k1,
      ),
      want: 'header-policy',
    },
  ],
  [
    'wrong typ',
    {
      jws: forge(canonicalJson({ alg: 'EdDSA', kid: k1.kid, typ: 'JWT' }), canonicalJson(claims(5)), k1),
      want: 'header-policy',
    },
  ],
  [
    'missing kid',
    {
      jws: forge(canonicalJson({ alg: 'EdDSA', typ: 'proofgate-record+jws' }), canonicalJson(claims(5)), k1),
      want: 'header-policy',
    },
  ],
  [
    'signature with non-zero trailing bits',
    {
      jws: withSig(
        record(k1, claims(6)),
        (s) => s.slice(0, -1) + String.fromCharCode(s.charCodeAt(s.length - 1) + 1),
      ),
      want: 'malformed',
    },
  ],
  ['signature with padding', { jws: withSig(record(k1, claims(6)), (s) => `${s}==`), want: 'malformed' }],
  ['trailing newline', { jws: `${record(k1, claims(6))}\n`, want: 'malformed' }],
  ['two segments', { jws: record(k1, claims(6)).split('.').slice(0, 2).join('.'), want: 'malformed' }],
  [
    'non-JCS payload (whitespace)',
    { jws: forge(header(k1), JSON.stringify(claims(7), null, 1), k1), want: 'payload-policy' },
  ],
  [
    'non-JCS payload (member order)',
    {
      jws: forge(
        header(k1),
        JSON.stringify({ statement: { n: 7 }, seq: 7, log: options.origin, prev: ZERO_PREV, iat: iat(7) }),
        k1,
      ),
      want: 'payload-policy',
    },
  ],
  [
    'payload not UTF-8',
    {
      jws: (() => {
        const input = `${b64(header(k1))}.${encodeBase64url(Buffer.from([0x7b, 0xff, 0x7d]))}`;
        return `${input}.${encodeBase64url(k1.sign(Buffer.from(input, 'latin1')))}`;
      })(),
      want: 'payload-policy',
    },
  ],
  [
    'payload without prev',
    { jws: forge(header(k1), canonicalJson({ ...claims(7), prev: undefined }), k1), want: 'payload-policy' },
  ],
  ['iat before valid_from', { jws: record(k2, claims(12, { iat: iat(9) })), want: 'outside-validity' }],
  ['iat at valid_until', { jws: record(k1, claims(10)), want: 'outside-validity' }],
  ['iat after revocation', { jws: record(k3, claims(26)), want: 'revoked' }],
  [
    'ES256 DER signature',
    { jws: forge(header(k2), canonicalJson(claims(13)), k2, toDer), want: 'bad-signature' },
  ],
  [
    'log mismatch',
    {
      jws: record(k1, claims(1, { log: 'other.example/log' })),
      want: 'log-mismatch',
      context: { log: options.origin },
    },
  ],
  ['seq mismatch', { jws: record(k1, claims(1)), want: 'seq-mismatch', context: { seq: 2 } }],
  ['chain break', { jws: record(k1, claims(1)), want: 'chain-break', context: { prev: 'ab'.repeat(32) } }],
];

describe('RecordVerifier: tampered records', () => {
  const verifier = new RecordVerifier(bindings);

  it.each(rows)('%s', async (_name, { jws, want, context }) => {
    const got = verifier.verify(jws, context);
    expect(got.outcome, got.reason).toBe(want);
    // The byte form (how records are streamed) gives the same answer for the record framed by
    // neighbours full of dots, which its segment search must not run into.
    const framed = Buffer.concat([Buffer.from('a.b.'), Buffer.from(jws, 'utf8'), Buffer.from('.c.d')]);
    const inBytes = verifier.verifyBytes(framed, 4, framed.length - 4, context);
    expect(inBytes).toEqual(got);
    // The single-binding form gives the same code for records of that binding.
    const kid = got.kid;
    if (kid !== undefined && bindings.some((b) => b.kid === kid)) {
      expect(verifyRecord(jws, bindingOf(kid), context)).toBe(want);
    }
    // jose cross-check: whatever the fast path accepts or refuses on the signature, jose agrees.
    if (kid !== undefined && bindings.some((b) => b.kid === kid)) {
      const b = bindingOf(kid);
      const key = createPublicKey({ key: publicJwk(b) as never, format: 'jwk' });
      const joseOk = await jose.compactVerify(jws, key, { algorithms: [b.alg] }).then(
        () => true,
        () => false,
      );
      if (got.outcome === 'ok') expect(joseOk).toBe(true);
      if (got.outcome === 'bad-signature' || got.outcome === 'alg-not-allowed') expect(joseOk).toBe(false);
    }
  });

  it('a kid bound twice, or a broken binding, fails closed as key-invalid', () => {
    const twice = new RecordVerifier([...bindings, bindingOf(k1.kid)]);
    expect(twice.verify(record(k1, claims(1))).outcome).toBe('key-invalid');
    const broken = new RecordVerifier([{ ...bindingOf(k1.kid), x: 'AAAA' }]);
    expect(broken.verify(record(k1, claims(1))).outcome).toBe('key-invalid');
    const wrongCurve = new RecordVerifier([{ ...bindingOf(k1.kid), alg: 'ES256' as const }]);
    expect(wrongCurve.verify(record(k1, claims(1))).outcome).toBe('key-invalid');
  });

  it('agrees with jose on every record of a generated history (EdDSA + ES256, chained)', async () => {
    const v = new RecordVerifier(material.bindings);
    let prev = ZERO_PREV;
    let n = 0;
    for (const r of historyRecords(options, material)) {
      const got = v.verify(r.jws, { log: options.origin, seq: r.seq, prev });
      expect(got.outcome).toBe('ok');
      const b = bindingOf(got.kid as string);
      const key = createPublicKey({ key: publicJwk(b) as never, format: 'jwk' });
      const { protectedHeader } = await jose.compactVerify(r.jws, key, { algorithms: [b.alg] });
      expect(protectedHeader.kid).toBe(b.kid);
      prev = Buffer.from(leafHash(r.jws)).toString('hex');
      n++;
    }
    expect(n).toBe(30);
  });
});

describe('RecordVerifier: uniqueness', () => {
  it('no single-character change of a valid record still verifies (canonical encodings everywhere)', () => {
    const verifier = new RecordVerifier(bindings);
    const valid = [record(k1, claims(1)), record(k2, claims(11))];
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.= \n';
    fc.assert(
      fc.property(fc.nat(1), fc.nat(), fc.nat(alphabet.length - 1), (which, pos, ci) => {
        const jws = valid[which] as string;
        const p = pos % jws.length;
        const c = alphabet[ci] as string;
        fc.pre(jws[p] !== c);
        const mutated = jws.slice(0, p) + c + jws.slice(p + 1);
        expect(verifier.verify(mutated).outcome).not.toBe('ok');
      }),
      { numRuns: 400 },
    );
  });
});

describe('RecordVerifier: payload buffers reused between records', () => {
  it('payloads of many lengths, under and over 4 KiB, interleaved: each verifies with its own claims', () => {
    const verifier = new RecordVerifier(bindings);
    // The decoded payload lives in a per-thread buffer seen through one view per length: a record
    // must never read another's bytes, whatever order the lengths come in.
    const sizes = [0, 5000, 1, 7, 5000, 0, 9000, 1, 9000, 7]; // seqs 0–9: k1's window
    for (const [i, size] of sizes.entries()) {
      const c = claims(i, { statement: { pad: 'x'.repeat(size), i } });
      const v = verifier.verify(record(k1, c), { log: options.origin, seq: i });
      expect(v.outcome).toBe('ok');
      expect(v.claims?.statement).toEqual({ pad: 'x'.repeat(size), i });
    }
  });
});
