import { createHash, createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ed25519 } from '@noble/curves/ed25519.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { corpusPath, hasCorpus } from '../testing/corpus.js';
import {
  RecordVerifier,
  ZERO_PREV,
  ed25519Engine,
  encodeBase64url,
  signRecord,
  verifyEd25519,
  verifyEd25519Node,
  verifyEd25519Sodium,
  type RecordClaims,
} from './index.js';

// The libsodium fast path must give node:crypto's (OpenSSL's) verdict on every input: the same
// verdict through both paths, and never an accept that OpenSSL refuses.
const SODIUM = ed25519Engine().verifyDetached !== undefined;
if (!SODIUM)
  process.stderr.write(
    `[proofgate tests] SKIPPED: sodium-native did not load (${ed25519Engine().reason}); only node:crypto is tested\n`,
  );
const HAVE = SODIUM && hasCorpus('vectors');
const vec = (...p: string[]) => corpusPath('vectors', ...p);
const readJson = <T>(...p: string[]) => JSON.parse(readFileSync(vec(...p), 'utf8')) as T;
const hex = (s: string) => Buffer.from(s, 'hex');
const L = 2n ** 252n + 27742317777372353535851937790883648493n;

const keyOfRaw = (raw: Uint8Array): KeyObject | undefined => {
  try {
    return createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') },
      format: 'jwk',
    });
  } catch {
    return undefined;
  }
};

interface Verdicts {
  node: boolean;
  combined: boolean;
  sodium: boolean;
}
function verdicts(key: KeyObject, msg: Uint8Array, sig: Uint8Array): Verdicts {
  return {
    node: verifyEd25519Node(key, msg, sig),
    combined: verifyEd25519(key, msg, sig),
    sodium: verifyEd25519Sodium(key, msg, sig) as boolean,
  };
}
/** Both rules at once: same verdict as node:crypto, and libsodium never accepts more. */
const agrees = (v: Verdicts) => v.combined === v.node && (!v.sodium || v.node);

function report(name: string, rows: Verdicts[]): void {
  const sodium = rows.filter((r) => r.sodium).length;
  const node = rows.filter((r) => r.node).length;
  process.stdout.write(
    `${name}: ${rows.filter(agrees).length}/${rows.length} agree (OpenSSL accepts ${node}, libsodium ${sodium}; ${node - sodium} decided by the node:crypto fallback)\n`,
  );
}

describe.skipIf(!HAVE)('Ed25519: libsodium fast path vs node:crypto on every vector suite', () => {
  it('Wycheproof Ed25519 (151): same verdicts; unguarded libsodium would accept the 3 over-long signatures', () => {
    const data = readJson<{
      testGroups: {
        publicKeyDer: string;
        tests: { tcId: number; msg: string; sig: string; result: string }[];
      }[];
    }>('wycheproof', 'testvectors_v1', 'ed25519_test.json');
    const rows: Verdicts[] = [];
    const overLong: number[] = [];
    const raw = ed25519Engine().verifyDetached!;
    for (const g of data.testGroups) {
      const key = createPublicKey({ key: hex(g.publicKeyDer), format: 'der', type: 'spki' });
      const pk = Buffer.from(key.export({ format: 'jwk' }).x as string, 'base64url');
      for (const t of g.tests) {
        const v = verdicts(key, hex(t.msg), hex(t.sig));
        rows.push(v);
        expect(v.node, `tcId ${t.tcId}`).toBe(t.result === 'valid');
        // libsodium reads the first 64 bytes of a longer signature: why the length is checked first.
        if (hex(t.sig).length > 64 && raw(hex(t.sig), hex(t.msg), pk)) overLong.push(t.tcId);
      }
    }
    report('Wycheproof Ed25519, both paths', rows);
    expect(rows.length).toBe(151);
    expect(rows.filter((r) => !agrees(r))).toEqual([]);
    expect(overLong).toHaveLength(3);
  });

  it('ed25519-speccheck (12): OpenSSL accepts 0, 1, 2, 3, 11, libsodium only 3; the combined path gives OpenSSL’s', () => {
    const cases = readJson<{ message: string; pub_key: string; signature: string }[]>(
      'ed25519-speccheck',
      'cases.json',
    );
    const rows = cases.map((c) => {
      const key = keyOfRaw(hex(c.pub_key));
      // A key node:crypto cannot import is never bound (key-invalid): neither path is reached.
      return key === undefined
        ? { node: false, combined: false, sodium: false }
        : verdicts(key, hex(c.message), hex(c.signature));
    });
    report('ed25519-speccheck, both paths', rows);
    const accepted = (f: (v: Verdicts) => boolean) => rows.flatMap((v, i) => (f(v) ? [i] : []));
    expect(rows).toHaveLength(12);
    expect(accepted((v) => v.node)).toEqual([0, 1, 2, 3, 11]);
    expect(accepted((v) => v.sodium)).toEqual([3]);
    expect(accepted((v) => v.combined)).toEqual([0, 1, 2, 3, 11]);
  });

  it('JOSE cookbook RFC 8037 A.4 and every Ed25519 case of jws-pitfalls: same verdicts', () => {
    type Jwk = { kty: string; crv?: string; x?: string; d?: string };
    const cookbook = readJson<{ input: { key: Jwk }; output: { compact: string } }>(
      'jose-cookbook',
      'curve25519',
      'jws.json',
    );
    const pitfalls = readJson<{
      keys: Record<string, Jwk>;
      cases: {
        id: string;
        jws?: string;
        flattened?: { protected: string; payload: string; signature: string };
        detachedPayloadB64u?: string;
        key: string;
      }[];
    }>('jws-pitfalls', 'cases.json');
    const edKey = (jwk: Jwk | undefined) =>
      jwk?.kty === 'OKP' && jwk.crv === 'Ed25519' ? keyOfRaw(Buffer.from(jwk.x!, 'base64url')) : undefined;
    // Signing input and signature as the strict verifier sees them (before any header policy).
    const split = (compact: string, detached?: string) => {
      const [h = '', p = '', s = ''] = compact.split('.');
      return { input: Buffer.from(`${h}.${p || detached || ''}`), sig: Buffer.from(s, 'base64url') };
    };
    const rows: Verdicts[] = [];
    const ck = split(cookbook.output.compact);
    const cookbookRow = verdicts(edKey(cookbook.input.key)!, ck.input, ck.sig);
    expect(cookbookRow).toEqual({ node: true, combined: true, sodium: true });
    rows.push(cookbookRow);
    for (const c of pitfalls.cases) {
      const compact = c.jws ?? `${c.flattened!.protected}.${c.flattened!.payload}.${c.flattened!.signature}`;
      const { input, sig } = split(compact, c.detachedPayloadB64u);
      // Every Ed25519 key of the corpus, not only the case's: a kid confusion is a key change too.
      for (const jwk of Object.values(pitfalls.keys)) {
        const key = edKey(jwk);
        if (key !== undefined) rows.push(verdicts(key, input, sig));
      }
    }
    report('JOSE cookbook + jws-pitfalls Ed25519, both paths', rows);
    expect(rows.length).toBeGreaterThan(26);
    expect(rows.filter((r) => r.node).length).toBeGreaterThan(1);
    expect(rows.filter((r) => !agrees(r))).toEqual([]);
  });
});

// ---- property: mutated signatures, keys and messages -------------------------------------------

const P = ed25519.Point;
const le = (n: bigint) => {
  const b = Buffer.alloc(32);
  for (let i = 0; i < 32; i++) b[i] = Number((n >> BigInt(8 * i)) & 0xffn);
  return b;
};
const fromLe = (b: Uint8Array) => b.reduceRight((acc, x) => (acc << 8n) | BigInt(x), 0n);
const mod = (a: bigint, m: bigint) => ((a % m) + m) % m;
// The 8 small-order points (the torsion subgroup), plus encodings of them that are not canonical.
const T8 = P.fromHex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a');
const SMALL_ORDER = Array.from({ length: 8 }, (_, i) => Buffer.from(T8.multiplyUnsafe(BigInt(i)).toBytes()));
const NON_CANONICAL = [
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // y = p  (≡ 0)
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // y = p+1 (≡ 1)
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff', // y = p, x sign set
  '0100000000000000000000000000000000000000000000000000000000000080', // identity, x sign set
].map(hex);
const ODD_POINTS = [...SMALL_ORDER, ...NON_CANONICAL];
const challenge = (r: Uint8Array, a: Uint8Array, m: Uint8Array) =>
  mod(fromLe(createHash('sha512').update(r).update(a).update(m).digest()), L);

interface Case {
  key: Uint8Array;
  msg: Uint8Array;
  sig: Uint8Array;
}

/** A key pair from a 32-byte seed (node:crypto signs; noble gives the secret scalar). */
function keyPair(seed: Uint8Array) {
  const priv = createPrivateKey({
    key: Buffer.concat([hex('302e020100300506032b657004220420'), seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const { scalar } = ed25519.utils.getExtendedPublicKey(seed);
  const pub = Buffer.from(createPublicKey(priv).export({ format: 'jwk' }).x as string, 'base64url');
  return { priv, pub, a: scalar };
}

/** R = [r]B + T and S = r + k·a for a key A' = A + T_A: valid cofactorless iff T = -[k]T_A. */
function mixedOrder(seed: Uint8Array, msg: Uint8Array, r: bigint, ta: number, t: number): Case {
  const { pub, a } = keyPair(seed);
  const A = P.fromBytes(pub).add(T8.multiplyUnsafe(BigInt(ta)));
  const key = A.toBytes();
  const R = P.BASE.multiply(r)
    .add(T8.multiplyUnsafe(BigInt(t)))
    .toBytes();
  const S = mod(r + challenge(R, key, msg) * a, L);
  return { key, msg, sig: Buffer.concat([R, le(S)]) };
}

const flip = (b: Uint8Array, bit: number) => {
  const c = Buffer.from(b);
  if (c.length) c[(bit >> 3) % c.length]! ^= 1 << (bit & 7);
  return c;
};

const mutation = fc.oneof(
  fc.constant({ kind: 'valid' as const }),
  fc.record({ kind: fc.constant('flip-sig' as const), bit: fc.nat(511) }),
  fc.record({ kind: fc.constant('flip-key' as const), bit: fc.nat(255) }),
  fc.record({ kind: fc.constant('flip-msg' as const), bit: fc.nat(4095) }),
  fc.record({ kind: fc.constant('s-plus-l' as const), times: fc.integer({ min: 1, max: 15 }) }),
  fc.record({ kind: fc.constant('small-r' as const), point: fc.nat(ODD_POINTS.length - 1) }),
  fc.record({
    kind: fc.constant('small-a' as const),
    point: fc.nat(ODD_POINTS.length - 1),
    r: fc.nat(ODD_POINTS.length - 1),
    s0: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('mixed' as const),
    r: fc.bigInt({ min: 1n, max: L - 1n }),
    ta: fc.nat(7),
    t: fc.nat(7),
  }),
  fc.record({
    kind: fc.constant('length' as const),
    len: fc.nat(130),
    pad: fc.uint8Array({ maxLength: 130 }),
  }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function build(seed: Uint8Array, msg: Uint8Array, m: Mutation): Case {
  const { priv, pub } = keyPair(seed);
  const sig = sign(null, msg, priv);
  switch (m.kind) {
    case 'valid':
      return { key: pub, msg, sig };
    case 'flip-sig':
      return { key: pub, msg, sig: flip(sig, m.bit) };
    case 'flip-key':
      return { key: flip(pub, m.bit), msg, sig };
    case 'flip-msg':
      return { key: pub, msg: flip(msg, m.bit), sig };
    case 's-plus-l': {
      const s = fromLe(sig.subarray(32)) + BigInt(m.times) * L; // < 2^256 for times ≤ 15
      return { key: pub, msg, sig: Buffer.concat([sig.subarray(0, 32), le(s)]) };
    }
    case 'small-r':
      return { key: pub, msg, sig: Buffer.concat([ODD_POINTS[m.point]!, sig.subarray(32)]) };
    case 'small-a': {
      // A small-order key with S = 0 verifies cofactorless when R = -[k]A (speccheck case 0).
      const key = ODD_POINTS[m.point]!;
      const R = ODD_POINTS[m.r]!;
      return { key, msg, sig: Buffer.concat([R, m.s0 ? Buffer.alloc(32) : sig.subarray(32)]) };
    }
    case 'mixed':
      return mixedOrder(seed, msg, m.r, m.ta, m.t);
    case 'length': {
      // Exactly 64 would be a random signature; over 64 keeps the valid signature as its prefix.
      const len = m.len === 64 ? 65 : m.len;
      const bytes = Buffer.concat([sig, Buffer.from(m.pad), Buffer.alloc(130)]).subarray(0, len);
      return { key: pub, msg, sig: bytes };
    }
  }
}

describe.skipIf(!SODIUM)('Ed25519 property: libsodium first, node:crypto verdicts', () => {
  it('bit flips, S+nL, small-order and non-canonical R and A, mixed-order points, wrong lengths: both paths agree, and libsodium never accepts what OpenSSL refuses', () => {
    const seen = { cases: 0, node: 0, sodium: 0, fallbackAccepts: 0, unimportable: 0 };
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        mutation,
        (seed, msg, m) => {
          const c = build(seed, msg, m);
          const key = keyOfRaw(c.key);
          seen.cases++;
          // A key node:crypto cannot import is never bound (key-invalid): neither path is reached.
          if (key === undefined) return void seen.unimportable++;
          const v = verdicts(key, c.msg, c.sig);
          if (v.node) seen.node++;
          if (v.sodium) seen.sodium++;
          if (v.node && !v.sodium) seen.fallbackAccepts++;
          expect(v.combined, m.kind).toBe(v.node);
          if (v.sodium) expect(v.node, `libsodium accepted, OpenSSL refused (${m.kind})`).toBe(true);
        },
      ),
      { numRuns: 600 },
    );
    process.stdout.write(`Ed25519 property: ${JSON.stringify(seen)}\n`);
    // Evidence that the property reached both kinds of edge: honest accepts and fallback accepts.
    expect(seen.sodium).toBeGreaterThan(0);
    expect(seen.fallbackAccepts).toBeGreaterThan(0);
  });

  it('the mixed-order construction reaches accepted signatures (speccheck case 3 form) on both paths', () => {
    // Search T so that T = -[k]T_A: then R + [k]A' = [S]B, a valid cofactorless signature.
    const seed = Buffer.alloc(32, 7);
    const msg = Buffer.from('mixed order');
    let found: Verdicts | undefined;
    for (let r = 1n; r < 200n && found === undefined; r++) {
      for (let t = 1; t < 8 && found === undefined; t++) {
        const c = mixedOrder(seed, msg, r, 1, t);
        const v = verdicts(keyOfRaw(c.key)!, c.msg, c.sig);
        expect(agrees(v)).toBe(true);
        if (v.node) found = v;
      }
    }
    expect(found).toEqual({ node: true, combined: true, sodium: true });
  });
});

describe.skipIf(!SODIUM)('Ed25519 through the record verifier', () => {
  it('a record only OpenSSL accepts (speccheck case 2 form: mixed-order key, small-order R) is ok, decided by the fallback', () => {
    // A' = A + T8 and R = [t]T8 with S = k·a: valid cofactorless iff [t]T8 + [k]T8 = 0 (k mod 8).
    const seed = Buffer.alloc(32, 3);
    const { pub, a } = keyPair(seed);
    const key = P.fromBytes(pub).add(T8).toBytes();
    const signer = {
      kid: 'mixed',
      alg: 'EdDSA' as const,
      jwk: { kty: 'OKP' as const, crv: 'Ed25519' as const, x: encodeBase64url(key) },
      sign(input: Uint8Array): Uint8Array {
        for (let t = 1; t < 8; t++) {
          const R = T8.multiplyUnsafe(BigInt(t)).toBytes();
          const k = challenge(R, key, input);
          if ((BigInt(t) + k) % 8n === 0n) return Buffer.concat([R, le(mod(k * a, L))]);
        }
        return new Uint8Array(0); // no small R fits this input: the caller tries another statement
      },
    };
    const verifier = new RecordVerifier([
      {
        ...signer.jwk,
        kid: signer.kid,
        alg: 'EdDSA',
        use: 'sig',
        valid_from: '2020-01-01T00:00:00Z',
        valid_until: null,
        revoked_at: null,
      },
    ]);
    let jws = '';
    for (let n = 0; jws === '' || jws.endsWith('.'); n++) {
      const claims: RecordClaims = {
        log: 'edge.example',
        seq: 0,
        prev: ZERO_PREV,
        iat: 1_700_000_000,
        statement: { n },
      };
      jws = signRecord(claims, signer);
    }
    const [h, p, sig] = jws.split('.') as [string, string, string];
    const keyObject = keyOfRaw(key)!;
    const v = verdicts(keyObject, Buffer.from(`${h}.${p}`), Buffer.from(sig, 'base64url'));
    expect(v).toEqual({ node: true, combined: true, sodium: false });
    expect(verifier.verify(jws, { log: 'edge.example', seq: 0 }).outcome).toBe('ok');
  });
});
