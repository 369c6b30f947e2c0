import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as jose from 'jose';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../report/index.js';
import { corpusPath, hasCorpus } from '../testing/corpus.js';
import { isJcsText, verifyJwsStrict, verifySignature, type JwsVerification } from './index.js';

// Conformance vectors for the proofs engine, read in place. Each suite prints its agreement.
const HAVE = hasCorpus('vectors');
const vec = (...p: string[]) => corpusPath('vectors', ...p);
const readJson = <T>(...p: string[]) => JSON.parse(readFileSync(vec(...p), 'utf8')) as T;
const hex = (s: string) => Buffer.from(s, 'hex');

function report(name: string, agree: number, total: number): void {
  process.stdout.write(`${name}: ${agree}/${total} (${((100 * agree) / total).toFixed(0)}%)\n`);
}

interface WycheproofFile {
  testGroups: {
    publicKeyDer: string;
    tests: { tcId: number; msg: string; sig: string; result: 'valid' | 'invalid' | 'acceptable' }[];
  }[];
}

/** Agreement with Wycheproof: valid ⇒ verifies, invalid ⇒ refused, acceptable ⇒ either. */
function wycheproof(file: string, check: (key: KeyObject, msg: Buffer, sig: Buffer) => boolean) {
  const data = readJson<WycheproofFile>('wycheproof', 'testvectors_v1', file);
  let agree = 0;
  let total = 0;
  const disagree: number[] = [];
  for (const g of data.testGroups) {
    let key: KeyObject | undefined;
    try {
      key = createPublicKey({ key: hex(g.publicKeyDer), format: 'der', type: 'spki' });
    } catch {
      key = undefined;
    }
    for (const t of g.tests) {
      total++;
      const got = key !== undefined && check(key, hex(t.msg), hex(t.sig));
      if (t.result === 'acceptable' || got === (t.result === 'valid')) agree++;
      else disagree.push(t.tcId);
    }
  }
  return { agree, total, disagree };
}

describe.skipIf(!HAVE)('conformance vectors: proofs', () => {
  it('RFC 8785 JCS: every input canonicalizes to the expected bytes (canonicalize and isJcsText)', () => {
    const names = ['arrays', 'french', 'structures', 'unicode', 'values', 'weird'];
    const bad = names.filter((n) => {
      const input = JSON.parse(
        readFileSync(vec('jcs-rfc8785', 'testdata', 'input', `${n}.json`), 'utf8'),
      ) as unknown;
      const want = readFileSync(vec('jcs-rfc8785', 'testdata', 'output', `${n}.json`));
      const wantHex = readFileSync(vec('jcs-rfc8785', 'testdata', 'outhex', `${n}.txt`), 'utf8').replace(
        /\s+/g,
        '',
      );
      const got = Buffer.from(canonicalJson(input), 'utf8');
      // The verifier's fast JCS check must accept exactly the expected bytes.
      const fast = isJcsText(JSON.parse(want.toString('utf8')), want.toString('utf8'));
      return !got.equals(want) || !fast || got.toString('hex') !== wantHex.toLowerCase();
    });
    report('RFC 8785 JCS input->output bytes', names.length - bad.length, names.length);
    expect(bad).toEqual([]);
  });

  it('Wycheproof Ed25519 verdicts agree (fast path verifySignature)', () => {
    const r = wycheproof('ed25519_test.json', (k, m, s) => verifySignature('EdDSA', k, m, s));
    report('Wycheproof Ed25519', r.agree, r.total);
    expect(r.disagree).toEqual([]);
  });

  it('Wycheproof P-256 P1363 (raw r‖s, the JWS form) verdicts agree (fast path verifySignature)', () => {
    const r = wycheproof('ecdsa_secp256r1_sha256_p1363_test.json', (k, m, s) =>
      verifySignature('ES256', k, m, s),
    );
    report('Wycheproof P-256 p1363', r.agree, r.total);
    expect(r.disagree).toEqual([]);
  });

  it('Wycheproof P-256 DER verdicts agree (node:crypto, dsaEncoding der)', () => {
    const r = wycheproof('ecdsa_secp256r1_sha256_test.json', (k, m, s) => {
      try {
        return verify('sha256', m, { key: k, dsaEncoding: 'der' }, s);
      } catch {
        return false;
      }
    });
    report('Wycheproof P-256 DER', r.agree, r.total);
    expect(r.disagree).toEqual([]);
  });

  it('JOSE cookbook: RFC 8037 EdDSA verifies; the non-ES256 EC case is refused by the allow-list', async () => {
    type Cookbook = { input: { key: jose.JWK; alg: string }; output: { compact: string } };
    const ed = readJson<Cookbook>('jose-cookbook', 'curve25519', 'jws.json');
    const es = readJson<Cookbook>('jose-cookbook', 'jws', '4_3.ecdsa_signature.json');
    const keyOf = (jwk: jose.JWK) => {
      const { d: _d, ...pub } = jwk;
      return createPublicKey({ key: pub as never, format: 'jwk' });
    };
    const run = (c: Cookbook, algorithms: string[]) =>
      verifyJwsStrict(c.output.compact, {
        header: { requireKid: false, requireJcs: false },
        payload: 'opaque',
        resolveKey: () => ({ keyObject: keyOf(c.input.key), algorithms }),
      });
    const results: [string, boolean][] = [];
    results.push(['RFC 8037 A.4 EdDSA accepted', run(ed, ['EdDSA']).outcome === 'ok']);
    await jose.compactVerify(ed.output.compact, keyOf(ed.input.key), { algorithms: ['EdDSA'] });
    results.push(['jose agrees on RFC 8037 A.4', true]);
    // RFC 7520 §4.3 is ES512 (P-521): real (jose verifies it), but not in proofgate's allow-list.
    await jose.compactVerify(es.output.compact, keyOf(es.input.key), { algorithms: ['ES512'] });
    results.push([
      'RFC 7520 4.3 ES512 refused: alg-not-allowed',
      run(es, ['EdDSA', 'ES256']).outcome === 'alg-not-allowed',
    ]);
    report('JOSE cookbook EdDSA/EC cases', results.filter(([, ok]) => ok).length, results.length);
    expect(results.filter(([, ok]) => !ok)).toEqual([]);
  });

  it('Wycheproof JWS: every ES256 (P-256) case agrees under the strict verifier, and jose never accepts less', async () => {
    interface JwsGroup {
      public?: jose.JWK & { use?: string; key_ops?: string[] };
      tests: { tcId: number; jws: unknown; result: 'valid' | 'invalid' | 'acceptable' }[];
    }
    const data = readJson<{ testGroups: JwsGroup[] }>(
      'wycheproof',
      'testvectors_v1',
      'json_web_signature_test.json',
    );
    const groups = data.testGroups.filter((g) => g.public?.kty === 'EC' && g.public.crv === 'P-256');
    let agree = 0;
    let total = 0;
    const disagree: number[] = [];
    for (const g of groups) {
      const { use, key_ops: ops, ...rest } = g.public as jose.JWK & { use?: string; key_ops?: string[] };
      const keyObject = createPublicKey({
        key: { kty: rest.kty, crv: rest.crv, x: rest.x, y: rest.y } as never,
        format: 'jwk',
      });
      // proofgate binds keys with use "sig" only: an encryption key never verifies a record.
      const usable = (use === undefined || use === 'sig') && (ops === undefined || ops.includes('verify'));
      for (const t of g.tests) {
        total++;
        let ok = false;
        if (typeof t.jws === 'string') {
          const jws = t.jws;
          const payloadSeg = jws.split('.')[1] ?? '';
          ok =
            verifyJwsStrict(jws, {
              header: { requireKid: false, requireJcs: true },
              payload: Buffer.from(payloadSeg, 'base64url').toString('utf8').startsWith('{')
                ? 'jcs-json'
                : 'opaque',
              resolveKey: () =>
                usable ? { keyObject, algorithms: ['ES256'] } : { invalid: 'key is not for signatures' },
            }).outcome === 'ok';
          const joseOk = await jose.compactVerify(jws, keyObject, { algorithms: ['ES256'] }).then(
            () => true,
            () => false,
          );
          if (ok && !joseOk) disagree.push(-t.tcId); // the fast path must never accept what jose refuses
        }
        if (t.result === 'acceptable' || ok === (t.result === 'valid')) agree++;
        else disagree.push(t.tcId);
      }
    }
    report('Wycheproof JWS ES256 cases', agree, total);
    expect(total).toBeGreaterThan(30);
    expect(disagree).toEqual([]);
  });

  describe('jws-pitfalls', () => {
    interface Case {
      id: string;
      jws?: string;
      flattened?: { protected: string; payload: string; signature: string; header?: Record<string, unknown> };
      detachedPayloadB64u?: string;
      key: string;
      algorithms: string[];
      strict: 'accept' | 'reject' | 'policy' | 'accept-with-supplied-payload';
      jose_6_2_17: string;
    }
    // Read while collecting tests, so guarded: without the corpus the suite is skipped, not broken.
    const corpus: { keys: Record<string, jose.JWK>; cases: Case[] } = HAVE
      ? readJson('jws-pitfalls', 'cases.json')
      : { keys: {}, cases: [] };
    const keys = Object.fromEntries(
      Object.entries(corpus.keys).map(([kid, jwk]) => [
        kid,
        createPublicKey({ key: jwk as never, format: 'jwk' }),
      ]),
    );

    /** proofgate's strict verifier with the case's key and allow-list (JWS-level profile). */
    function strict(c: Case): JwsVerification {
      // An unprotected header has no compact form, and a key selector there is not signed: refuse.
      if (c.flattened?.header !== undefined)
        return { outcome: 'header-policy', reason: 'unprotected header' };
      const compact = c.jws ?? `${c.flattened!.protected}.${c.flattened!.payload}.${c.flattened!.signature}`;
      const payloadSeg = compact.split('.')[1] || c.detachedPayloadB64u || '';
      return verifyJwsStrict(compact, {
        header: { requireKid: false, requireJcs: true },
        // JSON payloads must be exactly JCS (records always are); RFC 8037 A.4 signs plain text.
        payload: Buffer.from(payloadSeg, 'base64url').toString('utf8').startsWith('{')
          ? 'jcs-json'
          : 'opaque',
        detachedPayload: c.detachedPayloadB64u,
        resolveKey: (kid) => {
          const name = c.key === 'by-kid' ? kid : kid === undefined || kid === c.key ? c.key : undefined;
          const keyObject = name === undefined ? undefined : keys[name];
          return keyObject === undefined ? undefined : { keyObject, algorithms: c.algorithms };
        },
      });
    }

    /** jose 6 (the reference) with the same key and allow-list. */
    async function reference(c: Case): Promise<'accept' | 'reject'> {
      const getKey = (h: jose.JWSHeaderParameters) => {
        const name = c.key === 'by-kid' ? h.kid : c.key;
        const k = name === undefined ? undefined : keys[name];
        if (k === undefined) throw new Error('UNKNOWN_KID');
        return k;
      };
      try {
        if (c.flattened !== undefined) {
          await jose.flattenedVerify(c.flattened as jose.FlattenedJWSInput, getKey, {
            algorithms: c.algorithms,
          });
        } else if (c.detachedPayloadB64u !== undefined) {
          const [h, , s] = (c.jws as string).split('.');
          await jose.flattenedVerify(
            { protected: h, payload: c.detachedPayloadB64u, signature: s as string },
            getKey,
            {
              algorithms: c.algorithms,
            },
          );
        } else {
          await jose.compactVerify(c.jws as string, getKey, { algorithms: c.algorithms });
        }
        return 'accept';
      } catch {
        return 'reject';
      }
    }

    it('strict expectations are all met, and jose (the reference) never accepts less', async () => {
      const rows: { id: string; want: string; got: string; jose: string; joseRecorded: string }[] = [];
      for (const c of corpus.cases) {
        const got = strict(c).outcome;
        rows.push({
          id: c.id,
          want: c.strict,
          got,
          jose: await reference(c),
          joseRecorded: c.jose_6_2_17.split(':')[0] as string,
        });
      }
      const meets = (r: (typeof rows)[number]) =>
        r.want === 'policy' || (r.want === 'reject' ? r.got !== 'ok' : r.got === 'ok');
      const agree = rows.filter(meets).length;
      report('jws-pitfalls strict expectations', agree, rows.length);
      const joseAgree = rows.filter((r) => r.jose === r.joseRecorded).length;
      report('jws-pitfalls jose 6 matches recorded behaviour', joseAgree, rows.length);
      expect(rows.filter((r) => !meets(r))).toEqual([]);
      expect(rows.filter((r) => r.jose !== r.joseRecorded)).toEqual([]);
      // Cross-check: anything the strict fast path accepts, jose accepts too.
      expect(rows.filter((r) => r.got === 'ok' && r.jose !== 'accept')).toEqual([]);
      expect(rows.length).toBe(26);
    });
  });
});
