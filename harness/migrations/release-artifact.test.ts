import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors/index.js';
import { parseDriverConfig } from './driver-config.js';
import { readJsonFile } from './read-json.js';
import { parseReleaseJson } from './release-artifact.js';

const good = {
  version: '1.2.0',
  class: 'minor',
  code_sha: '0123456789abcdef0123456789abcdef01234567',
  expected_alembic_head: '0003',
  supported_api_versions: ['v1'],
  enabled_feature_flags: ['rotation'],
  signing_mode: 'required',
  signing_required: true,
};

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('release.json', () => {
  it('accepts a complete artifact (class optional, head may be null)', () => {
    expect(parseReleaseJson(good, 'release.json')).toEqual(good);
    const { class: _c, ...noClass } = good;
    expect(parseReleaseJson({ ...noClass, expected_alembic_head: null }, 'r.json')).not.toHaveProperty(
      'class',
    );
  });

  it.each<[string, { given: unknown; pointer: string }]>([
    ['not an object', { given: [], pointer: '' }],
    ['version missing', { given: { ...good, version: undefined }, pointer: '/version' }],
    ['version with a slash', { given: { ...good, version: '1/2' }, pointer: '/version' }],
    ['code_sha not hex', { given: { ...good, code_sha: 'main' }, pointer: '/code_sha' }],
    [
      'expected head absent',
      { given: { ...good, expected_alembic_head: undefined }, pointer: '/expected_alembic_head' },
    ],
    [
      'expected head blank',
      { given: { ...good, expected_alembic_head: ' ' }, pointer: '/expected_alembic_head' },
    ],
    [
      'api versions empty',
      { given: { ...good, supported_api_versions: [] }, pointer: '/supported_api_versions' },
    ],
    [
      'api version malformed',
      { given: { ...good, supported_api_versions: ['1'] }, pointer: '/supported_api_versions/0' },
    ],
    [
      'duplicate flags',
      { given: { ...good, enabled_feature_flags: ['a', 'a'] }, pointer: '/enabled_feature_flags' },
    ],
    ['unknown signing mode', { given: { ...good, signing_mode: 'maybe' }, pointer: '/signing_mode' }],
    [
      'signing_required not boolean',
      { given: { ...good, signing_required: 'yes' }, pointer: '/signing_required' },
    ],
    ['signing inconsistent', { given: { ...good, signing_mode: 'disabled' }, pointer: '/signing_required' }],
    ['unknown class', { given: { ...good, class: 'huge' }, pointer: '/class' }],
  ])('%s → ERR_RELEASE at its pointer', (_name, { given, pointer }) => {
    const e = errorOf(() => parseReleaseJson(JSON.parse(JSON.stringify(given)), 'rel/release.json'));
    expect(e.code).toBe('ERR_RELEASE');
    expect(e.pointer).toBe(pointer);
    expect(e.file).toBe('rel/release.json');
  });
});

describe('migrations.json', () => {
  it('defaults to the SQL driver over migrations/', () => {
    expect(parseDriverConfig(undefined, 'm.json')).toEqual({ driver: 'sql', dir: 'migrations' });
  });

  it('reads a command driver with defaults', () => {
    expect(
      parseDriverConfig(
        { driver: 'command', upgrade: ['alembic', 'upgrade', 'head'], headQuery: 'SELECT 1' },
        'm.json',
      ),
    ).toEqual({
      driver: 'command',
      dir: 'migrations',
      cwd: '.',
      upgrade: ['alembic', 'upgrade', 'head'],
      headQuery: 'SELECT 1',
      timeoutMs: 300_000,
    });
  });

  it.each<[string, { given: unknown; pointer: string }]>([
    ['not an object', { given: 'sql', pointer: '' }],
    ['unknown member', { given: { driver: 'sql', dirs: 'x' }, pointer: '/dirs' }],
    ['unknown driver', { given: { driver: 'flyway' }, pointer: '/driver' }],
    ['dir escapes the release', { given: { dir: '../other' }, pointer: '/dir' }],
    ['absolute dir', { given: { dir: '/etc' }, pointer: '/dir' }],
    ['command option on the sql driver', { given: { driver: 'sql', upgrade: 'x' }, pointer: '/upgrade' }],
    ['command without upgrade', { given: { driver: 'command', headQuery: 'SELECT 1' }, pointer: '/upgrade' }],
    ['command without headQuery', { given: { driver: 'command', upgrade: 'x' }, pointer: '/headQuery' }],
    ['empty argv', { given: { driver: 'command', upgrade: [], headQuery: 'q' }, pointer: '/upgrade' }],
    [
      'bad timeout',
      { given: { driver: 'command', upgrade: 'x', headQuery: 'q', timeoutMs: 0 }, pointer: '/timeoutMs' },
    ],
  ])('%s → ERR_RELEASE at its pointer', (_name, { given, pointer }) => {
    const e = errorOf(() => parseDriverConfig(given, 'rel/migrations.json'));
    expect(e.code).toBe('ERR_RELEASE');
    expect(e.pointer).toBe(pointer);
  });
});

describe('readJsonFile (release.json, migrations.json, the lock file)', () => {
  it('refuses an invalid UTF-8 byte instead of reading U+FFFD', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'proofgate-read-json-'));
    try {
      const file = join(dir, 'release.json');
      await writeFile(
        file,
        Buffer.concat([Buffer.from('{"version":"r'), Buffer.from([0xc0, 0xaf]), Buffer.from('1"}')]),
      );
      await expect(readJsonFile(file, 'release.json')).rejects.toMatchObject({
        code: 'ERR_RELEASE',
        message: expect.stringMatching(/not valid UTF-8: byte 0xc0 at byte offset 13/),
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
