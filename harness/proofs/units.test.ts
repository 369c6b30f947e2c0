import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leafHash, merkleRoot } from '../lineage/index.js';
import { canonicalJson, sha256Hex } from '../report/index.js';
import {
  OUTCOME_CODES,
  bindKey,
  checkProtectedHeader,
  decodeBase64url,
  encodeBase64url,
  findDuplicateMember,
  isOutcomeCode,
  jcsOfParsed,
  keyBindingDigest,
  outcomeLeafData,
  parseRfc3339,
  verificationDigest,
  type KeyBinding,
} from './index.js';

describe('verification digest', () => {
  it('encodes (seq, outcome) as 8-byte big-endian seq ‖ ASCII code', () => {
    expect(outcomeLeafData(5, 'ok').toString('hex')).toBe('00000000000000056f6b');
    expect(
      outcomeLeafData(2 ** 40, 'chain-break')
        .subarray(0, 8)
        .toString('hex'),
    ).toBe('0000010000000000');
  });

  it('is the RFC 6962 root over the outcome leaves, and moves when any outcome changes', () => {
    const list = [
      { seq: 0, outcome: 'ok' as const },
      { seq: 1, outcome: 'bad-signature' as const },
      { seq: 2, outcome: 'ok' as const },
    ];
    const want = Buffer.from(
      merkleRoot(list.map((o) => leafHash(outcomeLeafData(o.seq, o.outcome)))),
    ).toString('hex');
    expect(verificationDigest(list)).toBe(want);
    expect(verificationDigest([...list.slice(0, 2), { seq: 2, outcome: 'revoked' }])).not.toBe(want);
    expect(verificationDigest([])).toBe(sha256Hex(''));
  });

  it('has a meaning for every outcome code', () => {
    expect(OUTCOME_CODES.length).toBeGreaterThan(10);
    expect(OUTCOME_CODES.every(isOutcomeCode)).toBe(true);
    expect(isOutcomeCode('toString')).toBe(false);
  });
});

describe('keyBindingDigest', () => {
  const k = (kid: string): KeyBinding => ({
    kty: 'OKP',
    crv: 'Ed25519',
    x: 'AIn3qK4gwR7Q9XGtFZ4KeIn_z49zz-ja8zONij7PgFE',
    kid,
    alg: 'EdDSA',
    use: 'sig',
    valid_from: '2023-11-13T22:13:20Z',
    valid_until: null,
    revoked_at: null,
  });
  it('is sha256 of the JCS array sorted by kid, independent of input order and member order', () => {
    const want = sha256Hex(canonicalJson([k('a'), k('b')]));
    expect(keyBindingDigest([k('b'), k('a')])).toBe(want);
    expect(keyBindingDigest([k('a'), { ...k('b'), revoked_at: '2024-01-01T00:00:00Z' }])).not.toBe(want);
  });
  it.each([
    ['private key member', { ...k('a'), d: 'x' }, 'unexpected member'],
    ['EdDSA on a P-256 key', { ...k('a'), kty: 'EC', crv: 'P-256' }, 'EdDSA needs'],
    ['unknown alg', { ...k('a'), alg: 'RS256' }, 'alg must be'],
    ['bad date', { ...k('a'), valid_from: '2023-11-13 22:13:20' }, 'valid_from'],
    ['until before from', { ...k('a'), valid_until: '2020-01-01T00:00:00Z' }, 'valid_until'],
    ['x not on the curve length', { ...k('a'), x: 'AAAA' }, 'EdDSA needs'],
  ])('bindKey refuses %s', (_n, b, reason) => {
    const r = bindKey(b);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain(reason);
  });
});

describe('strict base64url', () => {
  it.each([
    ['padding', 'AA=='],
    ['whitespace', 'AA A'],
    ['newline', 'AAAA\n'],
    ['standard alphabet', 'AA+/'],
    ['non-zero trailing bits (1 byte)', 'AB'],
    ['non-zero trailing bits (2 bytes)', 'AAB'],
    ['impossible length', 'AAAAA'],
  ])('refuses %s', (_n, text) => {
    expect(decodeBase64url(text)).toBeUndefined();
  });
  it('round-trips every byte string to its one canonical spelling', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const text = encodeBase64url(bytes);
        expect(decodeBase64url(text)?.equals(Buffer.from(bytes))).toBe(true);
      }),
    );
  });
});

describe('JSON checks', () => {
  it.each([
    ['{"a":1,"a":2}', 'a'],
    ['{"a":{"b":1,"b":1}}', 'b'],
    ['[{"x":1},{"x":1,"y":{"x":2,"x":3}}]', 'x'],
    ['{"a\\u0062":1,"ab":2}', 'ab'],
    ['{"a":"}","b":1}', undefined],
    ['{"a":[1,{"a":1}],"b":"a"}', undefined],
  ])('findDuplicateMember(%s) = %s', (text, want) => {
    expect(findDuplicateMember(text)).toBe(want);
  });
  it('jcsOfParsed equals canonicalize on generated JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const parsed = JSON.parse(JSON.stringify(v)) as unknown;
        expect(jcsOfParsed(parsed)).toBe(canonicalJson(parsed));
      }),
    );
  });
  it('jcsOfParsed refuses lone surrogates (RFC 8785 §3.2.2.2)', () => {
    expect(jcsOfParsed(JSON.parse('"\\ud800"'))).toBeUndefined();
  });
});

describe('checkProtectedHeader', () => {
  const seg = (text: string) => encodeBase64url(text);
  it.each([
    ['the record header', '{"alg":"EdDSA","kid":"k1","typ":"proofgate-record+jws"}', 'ok'],
    ['x5c', '{"alg":"EdDSA","kid":"k1","typ":"proofgate-record+jws","x5c":[]}', 'header-policy'],
    ['empty kid', '{"alg":"EdDSA","kid":"","typ":"proofgate-record+jws"}', 'header-policy'],
    ['numeric alg', '{"alg":1,"kid":"k1","typ":"proofgate-record+jws"}', 'header-policy'],
    ['whitespace', '{"alg":"EdDSA", "kid":"k1","typ":"proofgate-record+jws"}', 'header-policy'],
    ['array', '["alg"]', 'malformed'],
    ['not JSON', '{alg:EdDSA}', 'malformed'],
  ])('%s → %s', (_n, text, want) => {
    const r = checkProtectedHeader(seg(text));
    expect(r.ok ? 'ok' : r.outcome).toBe(want);
  });
  it('invalid UTF-8 is malformed', () => {
    const r = checkProtectedHeader(encodeBase64url(Buffer.from([0x7b, 0xff, 0x7d])));
    expect(r.ok ? 'ok' : r.outcome).toBe('malformed');
  });
});

describe('parseRfc3339', () => {
  it.each([
    ['2023-11-14T22:13:20Z', 1_700_000_000_000],
    ['2023-11-14T23:13:20+01:00', 1_700_000_000_000],
    ['2023-11-14T22:13:20.5Z', 1_700_000_000_500],
    ['2023-11-14 22:13:20Z', undefined],
    ['2023-11-14T22:13:20', undefined],
    ['2023-13-14T22:13:20Z', undefined],
  ])('%s → %s', (text, want) => {
    expect(parseRfc3339(text)).toBe(want);
  });
});

describe('docs/trust-formats.md', () => {
  it('documents every outcome code', async () => {
    const { readFile } = await import('node:fs/promises');
    const { packagePath } = await import('../paths.js');
    const doc = await readFile(packagePath('docs', 'trust-formats.md'), 'utf8');
    expect(OUTCOME_CODES.filter((c) => !new RegExp(`^\\| \`${c}\` +\\|`, 'm').test(doc))).toEqual([]);
  });
});
