import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leafHash, merkleRoot } from '../lineage/index.js';
import { canonicalJson, sha256Hex } from '../report/index.js';
import {
  OUTCOME_CODES,
  bindKey,
  checkProtectedHeader,
  decodeBase64url,
  decodeBase64urlBytes,
  encodeBase64url,
  findDuplicateMember,
  isOutcomeCode,
  parseRecordClaims,
  isJcsText,
  keyBindingDigest,
  outcomeLeafData,
  outcomeLeafHash,
  parseRfc3339,
  verificationDigest,
  type KeyBinding,
} from './index.js';

describe('verification digest', () => {
  it('has the ASCII code as leaf data; the seq is the leaf position', () => {
    expect(outcomeLeafData('ok').toString('hex')).toBe('6f6b');
    for (const code of OUTCOME_CODES) {
      expect(Buffer.from(outcomeLeafHash(code))).toEqual(Buffer.from(leafHash(outcomeLeafData(code))));
      expect(outcomeLeafHash(code)).toBe(outcomeLeafHash(code)); // one shared object per code
    }
    expect(() => outcomeLeafHash('nope' as never)).toThrow(RangeError);
  });

  it('is the RFC 6962 root over the outcome leaves, and moves when any outcome changes', () => {
    const list = [
      { seq: 0, outcome: 'ok' as const },
      { seq: 1, outcome: 'bad-signature' as const },
      { seq: 2, outcome: 'ok' as const },
    ];
    const want = Buffer.from(merkleRoot(list.map((o) => leafHash(outcomeLeafData(o.outcome))))).toString(
      'hex',
    );
    expect(verificationDigest(list)).toBe(want);
    expect(verificationDigest([...list.slice(0, 2), { seq: 2, outcome: 'revoked' }])).not.toBe(want);
    // Length is bound too: one more ok record is a different digest.
    expect(verificationDigest([...list, { seq: 3, outcome: 'ok' }])).not.toBe(want);
    expect(verificationDigest([])).toBe(sha256Hex(''));
  });

  it('takes outcomes in seq order only (a leaf index is its seq)', () => {
    expect(() => verificationDigest([{ seq: 1, outcome: 'ok' }])).toThrow(RangeError);
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
    expect(decodeBase64urlBytes(Buffer.from(text, 'latin1'), 0, text.length)).toBeUndefined();
  });
  it('decodes a byte range exactly as it decodes the same text (valid or not)', () => {
    const chars = [
      ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
      '=',
      '+',
      '/',
      '.',
      ' ',
      '\xff',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...chars), { maxLength: 24 }),
        fc.nat(4),
        fc.nat(4),
        (arr, pre, post) => {
          const text = arr.join('');
          const bytes = Buffer.concat([
            Buffer.alloc(pre, 0x2e),
            Buffer.from(text, 'latin1'),
            Buffer.alloc(post, 0x41),
          ]);
          const want = decodeBase64url(text);
          const got = decodeBase64urlBytes(bytes, pre, pre + text.length);
          expect(got === undefined ? undefined : got.toString('hex')).toBe(want?.toString('hex'));
          // A scratch buffer is used only when it has exactly the decoded length; same result.
          const scratch = Buffer.alloc(pre + post + 10, 0xee);
          const into = decodeBase64urlBytes(bytes, pre, pre + text.length, scratch);
          expect(into === undefined ? undefined : into.toString('hex')).toBe(want?.toString('hex'));
          if (into !== undefined) expect(into === scratch).toBe(into.length === scratch.length);
        },
      ),
    );
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
  // Texts near JCS: the canonical form, then the same value with its members reversed, spaces,
  // escapes a JCS writer would not use, or a duplicate member.
  const nearJcs = fc
    .tuple(
      // 'binary' strings: any code point (controls, astral pairs), never a lone surrogate.
      fc.oneof(fc.jsonValue(), fc.jsonValue({ stringUnit: 'binary' })),
      fc.constantFrom('jcs', 'reversed', 'spaced', 'escaped', 'duplicate', 'number'),
    )
    .map(([v, how]) => {
      const jcs = canonicalJson(v);
      switch (how) {
        case 'reversed':
          return JSON.stringify(v, (_k, x: unknown) =>
            x && typeof x === 'object' && !Array.isArray(x)
              ? Object.fromEntries(Object.entries(x).reverse())
              : x,
          );
        case 'spaced':
          return JSON.stringify(v, null, 1);
        case 'escaped': // a letter of the first string token as \u00XX
          return jcs.replace(/"(?:[^"\\]|\\.)*"/, (str) =>
            str.replace(/[a-z]/, (c) => `\\u00${c.charCodeAt(0).toString(16)}`),
          );
        case 'duplicate':
          return jcs.replace(/^\{("(?:[^"\\]|\\.)*"):/, '{$1:0,$1:');
        case 'number':
          return jcs.replace(/(\d)(?=[,\]}]|$)/, '$1.0');
        default:
          return jcs;
      }
    })
    .filter((text) => {
      try {
        JSON.parse(text);
        return true;
      } catch {
        return false; // an edit that broke the JSON itself (e.g. 1e+21 → 1e+21.0)
      }
    });
  it('isJcsText agrees with canonicalize on canonical and near-canonical texts', () => {
    const seen = { true: 0, false: 0 };
    fc.assert(
      fc.property(nearJcs, (text) => {
        const parsed = JSON.parse(text) as unknown;
        const want = canonicalJson(parsed) === text;
        expect(isJcsText(parsed, text)).toBe(want);
        seen[`${want}`]++;
      }),
      { numRuns: 500 },
    );
    // Both answers were exercised, not just one.
    expect(seen.true).toBeGreaterThan(100);
    expect(seen.false).toBeGreaterThan(100);
  });
  it.each([
    ['canonical', '{"a":[1,"x",true,null],"b":{"c":-0.5}}', true],
    ['integer-like names sorted as strings', '{"10":1,"9":2,"a":3}', true],
    ['integer-like names in numeric order', '{"9":2,"10":1,"a":3}', false],
    ['escaped control character', '"\\u0001\\n"', true],
    ['escaped solidus', '"\\/"', false],
    ['uppercase hex escape', '"\\u001F"', false],
    ['surrogate pair written verbatim', '"😀"', true],
    ['surrogate pair escaped', '"\\ud83d\\ude00"', false],
    ['lone surrogate (RFC 8785 §3.2.2.2)', '"\\ud800"', false],
    ['exponent form', '1e+21', true],
    ['exponent written out', '1000000000000000000000', false],
    ['trailing bytes', '{"a":1} ', false],
    ['each object has its own member order', '{"a":{"b":1},"b":{"a":1}}', true],
    ['unsorted members inside an array', '{"a":[{"b":1,"a":2}]}', false],
    ['duplicate member', '{"a":1,"a":1}', false],
    ['empty name first', '{"":1,"a":2}', true],
    ['empty name last', '{"a":1,"":2}', false],
    ['names by UTF-16 code units, not code points', '{"😀":2,"\uffff":1}', true],
    ['names by code points', '{"\uffff":1,"😀":2}', false],
    ['negative zero', '[-0]', false],
    ['zero and negative integers', '[0,-1,-123456789012345,123456789012345]', true],
    ['leading zero is not JSON, 16 digits go through Number', '[1234567890123456,-9007199254740991]', true],
    ['a 17-digit integer Number rounds', '[12345678901234567]', false],
    ['fraction with a zero', '[1.0]', false],
    ['uppercase exponent', '[1E5]', false],
    ['small exponent form', '[1e-7]', true],
    ['literals', '[true,false,null,{"x":[]}]', true],
    ['space inside', '[1, 2]', false],
    ['newline at the end', '[1]\n', false],
  ])('isJcsText: %s', (_n, text, want) => {
    expect(isJcsText(JSON.parse(text) as unknown, text)).toBe(want);
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

describe('record claims', () => {
  const claims = (prev: unknown) => ({ log: 'l', seq: 1, prev, iat: 1, statement: {} });
  it.each([
    ['64 lowercase hex digits', 'a'.repeat(32) + '0123456789abcdef'.repeat(2), true],
    ['upper case', 'A'.repeat(64), false],
    ['63 digits', '0'.repeat(63), false],
    ['65 digits', '0'.repeat(65), false],
    ['a non-hex letter', '0'.repeat(63) + 'g', false],
    ['a digit neighbour (/ and :)', '0'.repeat(62) + '/:', false],
    ['not a string', 42, false],
  ])('prev: %s', (_n, prev, ok) => {
    expect(typeof parseRecordClaims(claims(prev)) !== 'string').toBe(ok);
  });
});
