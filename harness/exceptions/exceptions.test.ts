import { describe, expect, it } from 'vitest';
import { InputError } from '../errors/index.js';
import { packagePath } from '../paths.js';
import {
  applyExceptions,
  isDate,
  loadExceptions,
  operationOf,
  type AcceptedException,
  type ChangeKey,
} from './index.js';

const fx = (...p: string[]) => packagePath('fixtures', 'openapi', 'exceptions', ...p);

describe('loadExceptions: malformed files are ERR_EXCEPTIONS', () => {
  it.each([
    [
      'missing field',
      { given: 'missing-approver.yaml', want: /#\/exceptions\/0\/approver: `approver` is required/ },
    ],
    [
      'impossible date',
      { given: 'bad-date.yaml', want: /#\/exceptions\/0\/expires: `expires` must be a real date/ },
    ],
    [
      'unknown field (typo)',
      { given: 'unknown-field.yaml', want: /#\/exceptions\/0\/expiry: unknown field `expiry`/ },
    ],
    [
      'bad operation',
      {
        given: 'bad-operation.yaml',
        want: /#\/exceptions\/0\/operation: `operation` must be "METHOD \/path"/,
      },
    ],
    [
      'duplicate entry (method case-insensitive)',
      { given: 'duplicate.yaml', want: /#\/exceptions\/1: duplicates #\/exceptions\/0/ },
    ],
    [
      'exceptions is not a list',
      { given: 'not-a-list.json', want: /#\/exceptions: `exceptions` must be a list/ },
    ],
    ['invalid YAML', { given: 'invalid.yaml', want: /invalid YAML at line 3/ }],
    ['a bare list', { given: 'top-level-list.yaml', want: /expected a mapping with an `exceptions` list/ }],
    ['missing file', { given: 'nope.yaml', want: /file not found/ }],
  ])('%s', async (_name, { given, want }) => {
    const error = await loadExceptions(fx('malformed', given)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('ERR_EXCEPTIONS');
    expect((error as InputError).message).toMatch(want);
  });
});

const entry = (over: Partial<AcceptedException>): AcceptedException => ({
  id: 'response-property-removed',
  operation: 'GET /pets',
  pointer: '/p',
  reason: 'r',
  approver: 'a',
  expires: '2030-01-01',
  index: 0,
  ...over,
});
const change = (over: Partial<ChangeKey>): ChangeKey => ({
  id: 'response-property-removed',
  class: 'breaking',
  path: '/pets',
  method: 'get',
  pointer: '/p',
  ...over,
});

describe('applyExceptions', () => {
  it.each([
    [
      'applies to a matching breaking change',
      {
        changes: [change({})],
        entry: entry({}),
        date: '2029-12-31',
        want: { status: 'applied', accepted: [0] },
      },
    ],
    [
      'is still valid on its expiry day',
      {
        changes: [change({})],
        entry: entry({}),
        date: '2030-01-01',
        want: { status: 'applied', accepted: [0] },
      },
    ],
    [
      'is expired the day after',
      {
        changes: [change({})],
        entry: entry({}),
        date: '2030-01-02',
        want: { status: 'expired', accepted: [] },
      },
    ],
    [
      'is unused when nothing matches',
      {
        changes: [change({ pointer: '/q' })],
        entry: entry({}),
        date: '2029-01-01',
        want: { status: 'unused', accepted: [] },
      },
    ],
    [
      'is unused when it matches only an additive change',
      {
        changes: [change({ class: 'additive' })],
        entry: entry({}),
        date: '2029-01-01',
        want: { status: 'unused', accepted: [] },
      },
    ],
    [
      'matches another operation only by its own operation',
      {
        changes: [change({ method: 'post' })],
        entry: entry({}),
        date: '2029-01-01',
        want: { status: 'unused', accepted: [] },
      },
    ],
    [
      '"/path" matches a path-level change',
      {
        changes: [change({ method: '' })],
        entry: entry({ operation: '/pets' }),
        date: '2029-01-01',
        want: { status: 'applied', accepted: [0] },
      },
    ],
    [
      '"*" matches a document-level change',
      {
        changes: [change({ path: '', method: '' })],
        entry: entry({ operation: '*' }),
        date: '2029-01-01',
        want: { status: 'applied', accepted: [0] },
      },
    ],
  ])('%s', (_name, { changes, entry: e, date, want }) => {
    const [outcome] = applyExceptions(changes, [e], date);
    expect(outcome).toMatchObject(want);
  });

  it('loads a valid file and names operations like the report', async () => {
    const { entries } = await loadExceptions(fx('accept-pet-name.yaml'));
    expect(entries.map((e) => e.operation)).toEqual(['GET /pets', 'GET /pets/{petId}', 'GET /pets/{petId}']);
    expect(entries[2]!.expires).toBe('2099-12-31');
    expect(operationOf({ path: '/pets/{petId}', method: 'get' })).toBe('GET /pets/{petId}');
    expect(operationOf({ path: '', method: '' })).toBe('*');
  });

  it.each([
    ['2030-01-01', true],
    ['2028-02-29', true],
    ['2030-02-29', false],
    ['2030-1-01', false],
    ['', false],
  ])('isDate(%j) is %s', (given, want) => expect(isDate(given)).toBe(want));
});
