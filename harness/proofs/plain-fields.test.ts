import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../report/index.js';
import { ACME_PROFILE } from '../../fixtures/foreign-ledger/ledger.js';
import {
  DEFAULT_RECORD_PROFILE,
  PLAIN_OK,
  PLAIN_OK_PREV,
  RecordVerifier,
  ed25519Signer,
  encodeBase64url,
  type KeyBinding,
  type RecordProfile,
} from './index.js';
import { PayloadFields, scanPayload } from './scan-payload.js';

// The batch loop's one-pass reader (verifyRecordBytes) against the full path (verifyBytes: JSON.parse,
// isJcsText / findDuplicateMember, the claim checks): same verdict, same reason, same prev, on
// honest payloads, on edge forms of every field, and on payloads mutated byte by byte.
const signer = ed25519Signer('k1', new Uint8Array(32).fill(7));
const ORIGIN = 'bench.example/plain';
const binding: KeyBinding = {
  ...signer.jwk,
  kid: 'k1',
  alg: 'EdDSA',
  use: 'sig',
  valid_from: '2023-11-14T00:00:00Z',
  valid_until: '2023-11-16T00:00:00Z',
  revoked_at: '2023-11-15T12:00:00Z',
} as KeyBinding;
const header = (profile: RecordProfile) =>
  profile === DEFAULT_RECORD_PROFILE
    ? canonicalJson({ alg: 'EdDSA', kid: 'k1', typ: 'proofgate-record+jws' })
    : JSON.stringify({ typ: 'JWT', alg: 'EdDSA', kid: 'k1' });

function token(profile: RecordProfile, payloadText: string): Buffer {
  const input = `${encodeBase64url(header(profile))}.${encodeBase64url(Buffer.from(payloadText, 'utf8'))}`;
  return Buffer.from(`${input}.${encodeBase64url(signer.sign(Buffer.from(input, 'latin1')))}`, 'latin1');
}

const RFC3339_PROFILE: RecordProfile = {
  ...ACME_PROFILE,
  payload: 'jcs',
  fields: { ...ACME_PROFILE.fields, time: '/at', log: null },
  time: 'rfc3339',
  firstSeq: 0,
  chain: 'leaf-hash',
};
const NO_CHAIN: RecordProfile = {
  ...ACME_PROFILE,
  chain: 'none',
  fields: { ...ACME_PROFILE.fields, statement: null },
};
const PROFILES: [string, RecordProfile][] = [
  ['proofgate', DEFAULT_RECORD_PROFILE],
  ['acme (as-signed)', ACME_PROFILE],
  ['rfc3339 (jcs)', RFC3339_PROFILE],
  ['no chain', NO_CHAIN],
];

/** Both paths on one payload text; throws when they disagree. Returns whether the fast path decided. */
function agree(profile: RecordProfile, payloadText: string, seq: number): boolean {
  const verifier = new RecordVerifier([binding], profile);
  const jws = token(profile, payloadText);
  const full = verifier.verifyBytes(jws, 0, jws.length, { log: ORIGIN, seq });
  const prevs = new Uint8Array(64);
  const fast = verifier.verifyRecordBytes(jws, 0, jws.length, { log: ORIGIN, seq }, prevs, 32);
  if (fast === PLAIN_OK_PREV) {
    expect(full.outcome).toBe('ok');
    expect(Buffer.from(prevs.subarray(32)).toString('hex')).toBe(full.claims?.prev);
    return true;
  }
  if (fast === PLAIN_OK) {
    expect(full.outcome).toBe('ok');
    expect(full.claims).toBeUndefined();
    return true;
  }
  expect(fast).toEqual(full);
  expect(prevs.every((b) => b === 0)).toBe(true);
  return false;
}

const T0 = Date.UTC(2023, 10, 14, 12); // inside the key's validity, before its revocation
const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
// Values of a member as JSON text: the expected form, and the edge forms the checks must refuse.
const intText = fc.oneof(
  fc.nat({ max: 1000 }).map(String),
  fc.constantFrom(
    '0',
    '-0',
    '00',
    '01',
    '1.0',
    '1e0',
    '1E2',
    '-1',
    '1.5',
    '123456789012345',
    '1234567890123456',
    '9007199254740993',
    '"7"',
    'null',
    'true',
    '[]',
    '{}',
  ),
);
const stringText = (good: string) =>
  fc.oneof(
    { weight: 12, arbitrary: fc.constant(JSON.stringify(good)) },
    fc.constantFrom(
      '""',
      '"x"',
      '"\\u0062ench"',
      '"bench.example/plain "',
      '"BENCH.example/plain"',
      '7',
      'null',
      '{}',
    ),
    fc.string().map((s) => JSON.stringify(s)),
  );

interface Parts {
  members: [string, string][];
  order: 'sorted' | 'given' | 'reversed';
}

function text({ members, order }: Parts): string {
  const list = [...members];
  if (order === 'sorted') list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  if (order === 'reversed') list.reverse();
  return `{${list.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
}

/** Payload texts for a profile: mostly plausible records, with every member possibly an edge form, missing or doubled. */
function payloads(profile: RecordProfile, seq: number): fc.Arbitrary<string> {
  const f = profile.fields;
  // JCS profiles get canonical nested values, or almost nothing would be plain.
  const ser = (v: unknown) => (profile.payload === 'jcs' ? canonicalJson(v) : JSON.stringify(v));
  const mostly = (good: fc.Arbitrary<string>, ...edge: fc.Arbitrary<string>[]) =>
    fc.oneof({ weight: 12, arbitrary: good }, ...edge.map((arbitrary) => ({ weight: 1, arbitrary })));
  const statement = mostly(
    fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }).map(ser),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc.constantFrom(
      '{}',
      '{"a":1,"a":2}',
      '{"b":1,"a":2}',
      '{"n":1.50}',
      '{"n":1e21}',
      '{"s":"é"}',
      '[]',
      'null',
    ),
  );
  const time =
    profile.time === 'rfc3339'
      ? mostly(
          fc.constant(JSON.stringify(new Date(T0).toISOString())),
          fc.constantFrom(
            '"2023-11-14T12:00:00Z"',
            '"2023-11-15T13:00:00Z"',
            '"2023-13-01T00:00:00Z"',
            '"2023-11-14 12:00:00Z"',
            '1700000000',
          ),
        )
      : profile.time === 'unix-ms'
        ? mostly(
            fc.constant(String(T0)),
            fc.constantFrom(String(T0 + 86_400_000), '0', `${T0}.0`, '-1'),
            intText,
          )
        : mostly(fc.constant(String(T0 / 1000)), fc.constantFrom(String(T0 / 1000 + 86_400), '1e9'), intText);
  // A member is there once (mostly), missing, or there twice.
  const times = fc.oneof(
    { weight: 20, arbitrary: fc.constant(1) },
    { weight: 1, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.constant(2) },
  );
  const field = (pointer: string | null, value: fc.Arbitrary<string>) =>
    pointer === null
      ? fc.constant([] as [string, string][])
      : fc
          .tuple(value, times)
          .map(([v, n]) => Array.from({ length: n }, (): [string, string] => [pointer.slice(1), v]));
  return fc
    .record({
      seq: field(f.seq, mostly(fc.constant(String(seq)), intText)),
      prev: field(
        f.prev,
        mostly(
          hex64.map((h) => JSON.stringify(h)),
          stringText('A'.repeat(64)),
          intText,
        ),
      ),
      log: field(f.log, mostly(fc.constant(JSON.stringify(ORIGIN)), stringText(ORIGIN), intText)),
      time: field(f.time, time),
      statement: field(f.statement, statement),
      extra: fc.array(fc.tuple(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 1 }).map(ser)), {
        maxLength: 1,
      }),
      order: fc.constantFrom<Parts['order']>('sorted', 'sorted', 'sorted', 'sorted', 'given', 'reversed'),
    })
    .map((r) =>
      text({
        members: [...r.seq, ...r.prev, ...r.log, ...r.time, ...r.statement, ...r.extra],
        order: r.order,
      }),
    );
}

/** Byte-level mutations of a payload text: replace, insert or delete one character. */
const mutation = fc.tuple(
  fc.nat(),
  fc.constantFrom('replace', 'insert', 'delete'),
  fc.constantFrom(
    '"',
    '\\',
    ' ',
    '\n',
    '{',
    '}',
    '[',
    ']',
    ',',
    ':',
    '0',
    '1',
    'e',
    '-',
    '.',
    'a',
    'é',
    '\u0000',
    '\u007f',
    '\ud800',
  ),
);
function mutate(t: string, [at, op, c]: [number, string, string]): string {
  const i = at % (t.length + 1);
  if (op === 'replace') return t.slice(0, i) + c + t.slice(i + 1);
  if (op === 'insert') return t.slice(0, i) + c + t.slice(i);
  return t.slice(0, i) + t.slice(i + 1);
}

describe('the one-pass payload reader agrees with the full path', () => {
  it.each(PROFILES)('%s: plausible and edge-form payloads', (_, profile) => {
    const seq = profile.firstSeq + 41;
    let decided = 0;
    fc.assert(
      fc.property(payloads(profile, seq), (t) => {
        if (agree(profile, t, seq)) decided++;
      }),
      { numRuns: 400 },
    );
    // The generator must reach the fast path often, or the property says little.
    expect(decided).toBeGreaterThan(20);
  });

  it.each(PROFILES)('%s: payloads mutated byte by byte', (_, profile) => {
    const seq = profile.firstSeq + 41;
    fc.assert(
      fc.property(payloads(profile, seq), fc.array(mutation, { minLength: 1, maxLength: 3 }), (t, ms) => {
        agree(profile, ms.reduce(mutate, t), seq);
      }),
      { numRuns: 400 },
    );
  });

  it('honest records of proofgate and of the Acme profile are decided on the fast path', () => {
    const prev = 'ab'.repeat(32);
    const proofgate = canonicalJson({
      iat: T0 / 1000,
      log: ORIGIN,
      prev,
      seq: 5,
      statement: { kind: 'release' },
    });
    expect(agree(DEFAULT_RECORD_PROFILE, proofgate, 5)).toBe(true);
    const acme = JSON.stringify({
      position: 6,
      prev_hash: prev,
      ledger: ORIGIN,
      issued_at_ms: T0,
      event: { type: 'x' },
    });
    expect(agree(ACME_PROFILE, acme, 6)).toBe(true);
  });

  it.each([
    ['whitespace', '{"a": 1}'],
    ['an escape', '{"a":"\\n"}'],
    ['non-ASCII', '{"a":"é"}'],
    ['a trailing byte', '{"a":1}x'],
    ['not an object', '[1]'],
    ['nesting deeper than 64', `{"a":${'['.repeat(70)}${']'.repeat(70)}}`],
    [
      'more than 64 members in one object',
      `{${Array.from({ length: 70 }, (_, i) => `"m${String(i).padStart(3, '0')}":1`).join(',')}}`,
    ],
  ])('a payload with %s is left to the full path', (_, t) => {
    expect(scanPayload(Buffer.from(t, 'utf8'), 0, Buffer.byteLength(t), false, new PayloadFields([]))).toBe(
      false,
    );
  });
});

// The reasons the full path words, pinned: they go into reports, whose bytes must not change.
describe('the full path words each failing claim check the same way, release after release', () => {
  const prev = 'ab'.repeat(32);
  const BEFORE = Date.UTC(2023, 10, 13, 12); // before valid_from
  const REVOKED = Date.UTC(2023, 10, 15, 13); // after revoked_at
  const proofgate = (o: Record<string, unknown> = {}) =>
    canonicalJson({ iat: T0 / 1000, log: ORIGIN, prev, seq: 5, statement: { kind: 'release' }, ...o });
  const acme = (o: Record<string, unknown> = {}) =>
    JSON.stringify({ position: 6, prev_hash: prev, ledger: ORIGIN, issued_at_ms: T0, event: { t: 1 }, ...o });
  const cases: [string, RecordProfile, string, number, { log?: string; prev?: string }][] = [
    ['proofgate: before validity', DEFAULT_RECORD_PROFILE, proofgate({ iat: BEFORE / 1000 }), 5, {}],
    ['proofgate: revoked', DEFAULT_RECORD_PROFILE, proofgate({ iat: REVOKED / 1000 }), 5, {}],
    ['proofgate: another log', DEFAULT_RECORD_PROFILE, proofgate({ log: 'other.example/log' }), 5, {}],
    ['proofgate: another seq', DEFAULT_RECORD_PROFILE, proofgate(), 6, {}],
    ['proofgate: a broken chain', DEFAULT_RECORD_PROFILE, proofgate(), 5, { prev: 'cd'.repeat(32) }],
    ['acme: before validity', ACME_PROFILE, acme({ issued_at_ms: BEFORE }), 6, {}],
    ['acme: revoked', ACME_PROFILE, acme({ issued_at_ms: REVOKED }), 6, {}],
    ['acme: another log', ACME_PROFILE, acme({ ledger: 'other.example/log' }), 6, {}],
    ['acme: another seq', ACME_PROFILE, acme(), 7, {}],
    ['acme: a broken chain', ACME_PROFILE, acme(), 6, { prev: 'cd'.repeat(32) }],
  ];
  it('as pinned', () => {
    const words = cases.map(([name, profile, text, seq, context]) => {
      const jws = token(profile, text);
      const v = new RecordVerifier([binding], profile).verifyBytes(jws, 0, jws.length, {
        log: ORIGIN,
        seq,
        ...context,
      });
      return `${name}: ${v.outcome} (${v.reason}) ${JSON.stringify(v.claims ?? null)}`;
    });
    expect(words).toMatchSnapshot();
  });
});
