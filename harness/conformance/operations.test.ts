import { describe, expect, it } from 'vitest';
import { REQUIRED_SCOPE } from '../../fixtures/service/options.js';
import { loadSpec } from '../openapi/index.js';
import { packagePath } from '../paths.js';
import { listOperations, needsAuth, responseFor } from './operations.js';
import type { Json, Operation } from './types.js';

const DOC: Json = {
  openapi: '3.1.0',
  security: [{ bearer: [] }],
  components: {
    parameters: { Id: { name: 'id', in: 'path', required: true, schema: { type: 'string' } } },
    responses: {
      Err: { description: 'e', headers: { 'X-Trace': { required: true, schema: { type: 'string' } } } },
    },
  },
  paths: {
    '/b/{id}': {
      parameters: [
        { $ref: '#/components/parameters/Id' },
        { name: 'q', in: 'query', schema: { type: 'integer' } },
      ],
      get: {
        'x-required-scopes': ['b:read'],
        parameters: [{ name: 'q', in: 'query', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { description: 'ok' },
          '4XX': { $ref: '#/components/responses/Err' },
          default: { description: 'd' },
        },
      },
      delete: { security: [], responses: { '204': { description: 'gone' } } },
    },
    '/a': {
      post: {
        description: 'Requires scopes `a:write` and `a:admin`.',
        responses: { '201': { description: 'c' } },
      },
    },
  },
};

describe('listOperations', () => {
  const ops = listOperations(DOC);
  const op = (m: string, p: string): Operation => ops.find((o) => o.method === m && o.path === p)!;

  it('walks paths then methods in a fixed order', () => {
    expect(ops.map((o) => `${o.method} ${o.path}`)).toEqual(['post /a', 'get /b/{id}', 'delete /b/{id}']);
  });

  it('merges path-level parameters, the operation overriding by name+location (OAS 3.1 §4.8.9)', () => {
    const get = op('get', '/b/{id}');
    expect(get.parameters.map((p) => [p.in, p.name, p.required, p.schema.type])).toEqual([
      ['path', 'id', true, 'string'],
      ['query', 'q', true, 'string'],
    ]);
  });

  it.each([
    [200, '200'],
    [404, '4XX'],
    [503, 'default'],
  ] as const)('status %d resolves to the %s response', (status, want) => {
    expect(responseFor(op('get', '/b/{id}'), status)?.status).toBe(want);
  });

  it('resolves response $refs with their headers', () => {
    expect(responseFor(op('get', '/b/{id}'), 400)?.headers['x-trace']?.required).toBe(true);
  });

  it.each([
    ['x-required-scopes', { given: ['get', '/b/{id}'], want: ['b:read'], auth: true }],
    [
      '"Requires scopes `x` and `y`" in the description',
      { given: ['post', '/a'], want: ['a:admin', 'a:write'], auth: true },
    ],
    ['security: [] opts out', { given: ['delete', '/b/{id}'], want: [], auth: false }],
  ] as const)('scopes from %s', (_name, { given, want, auth }) => {
    const o = op(given[0], given[1]);
    expect(o.scopes).toEqual(want);
    expect(needsAuth(o)).toBe(auth);
  });

  it('the frozen v1 contract documents exactly the scopes the reference service enforces', async () => {
    const { doc } = await loadSpec(packagePath('contracts/v1/openapi.yaml'));
    const ops = listOperations(doc);
    expect(ops.length).toBe(8);
    // The service may know later versions' operations too; every v1 operation must agree.
    const service = REQUIRED_SCOPE as Readonly<Record<string, string | null>>;
    for (const o of ops)
      expect([o.operationId, o.scopes[0] ?? null]).toEqual([o.operationId, service[o.operationId]]);
  });
});
