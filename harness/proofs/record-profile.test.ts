import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PROFILE_DIGEST,
  DEFAULT_RECORD_PROFILE,
  disabledChecks,
  profileDigest,
  resolveProfile,
} from './index.js';

describe('record profiles', () => {
  it('an absent or empty profile is proofgate’s own, with a stable digest', () => {
    const a = resolveProfile(undefined);
    const b = resolveProfile({});
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(profileDigest(a.profile)).toBe(DEFAULT_PROFILE_DIGEST);
    expect(profileDigest(b.profile)).toBe(DEFAULT_PROFILE_DIGEST);
    // Pinned: changing the default profile changes every report's profile digest.
    expect(DEFAULT_PROFILE_DIGEST).toBe('2ed4d4b4dd99a11e6fc7e641ab8b11f0d1feb083eadaf4ffa9320291d6df2b1f');
    expect(disabledChecks(DEFAULT_RECORD_PROFILE)).toEqual([]);
  });

  it('member order and duplicate typ values do not change the digest; any policy change does', () => {
    const x = resolveProfile({ header: { typ: ['JWT', null, 'JWT'], jcs: false }, time: 'unix-ms' });
    const y = resolveProfile({ time: 'unix-ms', header: { jcs: false, typ: ['JWT', null] } });
    const z = resolveProfile({ time: 'unix-ms', header: { jcs: false, typ: ['JWT'] } });
    if (!x.ok || !y.ok || !z.ok) throw new Error('expected valid profiles');
    expect(profileDigest(x.profile)).toBe(profileDigest(y.profile));
    expect(profileDigest(x.profile)).not.toBe(profileDigest(z.profile));
  });

  it('a profile that turns a check off says so', () => {
    const r = resolveProfile({ chain: 'none', fields: { log: null, time: null, statement: null } });
    if (!r.ok) throw new Error(r.message);
    expect(r.profile.fields.prev).toBeNull();
    expect(disabledChecks(r.profile)).toEqual([
      'chain: none — lineage not verified',
      'log: none — records are not bound to the log origin',
      'signing time: none — key validity and revocation are not checked against records',
      'statement: none — the payload need not hold a statement',
    ]);
  });

  it.each([
    ['unknown member', { chian: 'none' }, '/chian'],
    ['unknown header member', { header: { typs: ['JWT'] } }, '/header/typs'],
    ['empty typ list', { header: { typ: [] } }, '/header/typ'],
    ['typ not a string', { header: { typ: [1] } }, '/header/typ'],
    ['embedded jwk allowed', { header: { allow: ['jwk'] } }, '/header/allow/0'],
    ['crit allowed', { header: { allow: ['cty', 'crit'] } }, '/header/allow/1'],
    ['payload form', { payload: 'json' }, '/payload'],
    ['seq pointer null', { fields: { seq: null } }, '/fields/seq'],
    ['not a pointer', { fields: { seq: 'position' } }, '/fields/seq'],
    ['bad escape', { fields: { log: '/a~2' } }, '/fields/log'],
    ['time format', { time: 'iso' }, '/time'],
    ['first seq 2', { firstSeq: 2 }, '/firstSeq'],
    ['chain kind', { chain: 'sha1' }, '/chain'],
    ['chain without prev', { fields: { prev: null } }, '/fields/prev'],
    ['anchor leaf', { anchorLeaf: 'payload' }, '/anchorLeaf'],
    ['not an object', ['jcs'], ''],
  ])('refuses %s', (_name, input, pointer) => {
    const r = resolveProfile(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.pointer).toBe(pointer);
  });
});
