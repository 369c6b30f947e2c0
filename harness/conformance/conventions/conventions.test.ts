import { describe, expect, it } from 'vitest';
import { FOREIGN_SPEC_FILE } from '../../../fixtures/foreign-service/app.js';
import { ConfigError } from '../../errors/index.js';
import { loadSpec } from '../../openapi/index.js';
import { packagePath } from '../../paths.js';
import { listOperations } from '../operations.js';
import { describeConventions, resolveConventions } from './resolve-conventions.js';
import type { ConventionsConfig } from './types.js';

const foreign = (await loadSpec(FOREIGN_SPEC_FILE)).doc;
const reference = (await loadSpec(packagePath('contracts/v1/openapi.yaml'))).doc;
const resolve = (doc: typeof foreign, config?: ConventionsConfig) =>
  resolveConventions(doc, listOperations(doc), config);

describe('conventions: inferred from the contract', () => {
  it.each([
    [
      'the foreign service',
      {
        doc: foreign,
        want: {
          errors: { kind: 'problem+json', identity: '/type' },
          idempotencyHeader: 'X-Idempotency-Key',
          signature: { scheme: 'rfc9421', header: 'signature', keySet: 'getSigningKeys' },
          pagination: ['listCustomerInvoices', 'listCustomers', 'listPlans'],
        },
      },
    ],
    [
      'the reference service',
      {
        doc: reference,
        want: {
          errors: { kind: 'envelope', identity: '/error/code' },
          idempotencyHeader: 'Idempotency-Key',
          signature: { scheme: 'detached-jws', header: 'proof-signature', keySet: 'listKeys' },
          pagination: ['listProofs'],
        },
      },
    ],
  ])('%s', (_name, { doc, want }) => {
    const c = resolve(doc);
    expect(c.errors).toEqual(want.errors);
    expect(c.idempotencyHeader).toBe(want.idempotencyHeader);
    expect(c.signature).toEqual(want.signature);
    expect(c.pagination.map((p) => p.operationId).sort()).toEqual(want.pagination);
    expect(c.notApplicable).toEqual({});
  });

  it('references: top-level, nested in an object and in array items; a kind no operation creates has none', () => {
    expect(resolve(foreign).references).toEqual([
      { at: 'body:/billing/customer_id', kind: 'Customer', createOperationId: 'createCustomer' },
      { at: 'body:/customer_id', kind: 'Customer', createOperationId: 'createCustomer' },
      { at: 'body:/lines/*/plan_id', kind: 'Plan' },
      { at: 'path:customerId', kind: 'Customer', createOperationId: 'createCustomer' },
      { at: 'path:invoiceId', kind: 'Invoice', createOperationId: 'createInvoice' },
      { at: 'path:planId', kind: 'Plan' },
    ]);
    expect(describeConventions(resolve(foreign))).toEqual(
      expect.arrayContaining([
        'reference body:/billing/customer_id → Customer (created by createCustomer)',
        "reference body:/lines/*/plan_id → Plan (no create operation: ids from the subject's seed)",
      ]),
    );
  });

  it('offset/limit: inferred from `offset` + `limit` query parameters, printed as such', () => {
    const c = resolve(foreign);
    expect(c.pagination.find((p) => p.operationId === 'listPlans')).toEqual({
      operationId: 'listPlans',
      style: 'offset',
      tokenParam: 'offset',
      itemsField: 'items',
      limitParam: 'limit',
    });
    expect(describeConventions(c)).toContain(
      'pagination listPlans: offset offset + limit limit, items items (inferred)',
    );
  });
});

describe('references from OpenAPI links', () => {
  it('a create whose response links $response.body#/id into a parameter with another name names that kind', () => {
    const doc = structuredClone(foreign) as Record<string, any>;
    // Rename the parameter so that only the link can tell what it refers to.
    doc.components.parameters.CustomerId.name = 'owner';
    doc.paths['/v1/customers/{owner}'] = doc.paths['/v1/customers/{customerId}'];
    doc.paths['/v1/customers/{owner}/invoices'] = doc.paths['/v1/customers/{customerId}/invoices'];
    delete doc.paths['/v1/customers/{customerId}'];
    delete doc.paths['/v1/customers/{customerId}/invoices'];
    const without = resolve(doc as typeof foreign).references.map((r) => r.at);
    expect(without).not.toContain('path:owner');
    doc.paths['/v1/customers'].post.responses['201'].links = {
      GetCustomer: { operationId: 'getCustomer', parameters: { 'path.owner': '$response.body#/id' } },
    };
    expect(resolve(doc as typeof foreign).references).toContainEqual({
      at: 'path:owner',
      kind: 'Customer',
      createOperationId: 'createCustomer',
    });
  });
});

describe('conventions: overridden by x-proofgate-conventions, then by the config', () => {
  const withExt = {
    ...foreign,
    'x-proofgate-conventions': { errorIdentity: '/title', idempotencyHeader: 'none' },
  };
  it.each([
    [
      'x-proofgate-conventions',
      {
        doc: withExt,
        config: undefined,
        identity: '/title',
        idem: undefined,
        source: 'x-proofgate-conventions',
      },
    ],
    [
      'config over the extension',
      {
        doc: withExt,
        config: { errorIdentity: '/status' },
        identity: '/status',
        idem: undefined,
        source: 'config',
      },
    ],
  ] as const)('%s', (_name, { doc, config, identity, idem, source }) => {
    const c = resolve(doc, config);
    expect(c.errors?.identity).toBe(identity);
    expect(c.idempotencyHeader).toBe(idem);
    expect(c.sources.errorIdentity).toBe(source);
    expect(c.notApplicable['idempotency-conflict']).toMatch(/idempotencyHeader none/);
    expect(describeConventions(c)).toContain(`errors: problem+json, identity ${identity} (${source})`);
  });

  it('notApplicable with a reason is carried as "configured: …"', () => {
    const c = resolve(foreign, {
      notApplicable: { 'signature-header': 'signatures are added by the gateway' },
    });
    expect(c.notApplicable['signature-header']).toBe('configured: signatures are added by the gateway');
  });

  it('pagination named in config is used as configured', () => {
    const c = resolve(foreign, {
      pagination: { tokenParam: 'page_token', nextField: 'next_page_token', itemsField: 'items' },
    });
    expect(c.sources.pagination).toBe('config');
    expect(c.pagination.map((p) => `${p.operationId} ${p.style}`).sort()).toEqual([
      'listCustomerInvoices token',
      'listCustomers token',
      'listPlans offset',
    ]);
  });

  it.each([
    [
      'config',
      (doc: typeof foreign) =>
        resolve(doc, { pagination: { style: 'offset', offsetParam: 'skip', limitParam: 'take' } }),
      'config',
    ],
    [
      'x-proofgate-conventions',
      (doc: typeof foreign) =>
        resolve({
          ...doc,
          'x-proofgate-conventions': {
            pagination: { style: 'offset', offsetParam: 'skip', limitParam: 'take' },
          },
        }),
      'x-proofgate-conventions',
    ],
  ] as const)('offset/limit under other names, from %s', (_name, run, source) => {
    const doc = structuredClone(foreign) as Record<string, any>;
    doc.components.parameters.Offset.name = 'skip';
    doc.components.parameters.Limit.name = 'take';
    const inferred = resolve(doc as typeof foreign);
    // `take` is no page-size name proofgate knows: without the convention the list is not walked.
    expect(inferred.pagination.map((p) => p.operationId)).not.toContain('listPlans');
    const c = run(doc as typeof foreign);
    expect(c.sources.pagination).toBe(source);
    // style offset: only offset lists (the page-token lists are not offset/limit).
    expect(c.pagination).toEqual([
      {
        operationId: 'listPlans',
        style: 'offset',
        tokenParam: 'skip',
        itemsField: 'items',
        limitParam: 'take',
      },
    ]);
  });
});

describe('a configured convention that matches nothing is a config error (exit 2)', () => {
  it.each([
    [
      'an error identity no error schema declares',
      { errorIdentity: '/error/code' },
      /declared by no error response schema/,
    ],
    ['an error identity that is no pointer', { errorIdentity: 'type' }, /not a JSON pointer/],
    [
      'an idempotency header no operation takes',
      { idempotencyHeader: 'Idempotency-Key' },
      /request header of no operation/,
    ],
    [
      'pagination that matches no list',
      { pagination: { tokenParam: 'cursor' } },
      /matches no list operation/,
    ],
    [
      'an offset parameter no list takes',
      { pagination: { offsetParam: 'start_at' } },
      /matches no list operation/,
    ],
    [
      'a signature header no response documents',
      { signature: { scheme: 'detached-jws', header: 'x-sig' } },
      /documented on no response/,
    ],
    [
      'a key set that is no operation',
      { signature: { scheme: 'rfc9421', keySet: 'getJwks' } },
      /no operationId/,
    ],
    [
      'a reference to no create operation',
      { references: { customer_id: 'listCustomers' } },
      /no create operation/,
    ],
    [
      'a reference that names nothing',
      { references: { account_id: 'createCustomer' } },
      /matches no body member or path parameter/,
    ],
    ['not-applicable for an unknown check', { notApplicable: { 'no-such-check': 'x' } }, /unknown check/],
    [
      'an x-proofgate-conventions key of the wrong type',
      { ext: { idempotencyHeader: 5 } },
      /x-proofgate-conventions\.idempotencyHeader: must be/,
    ],
  ] as const)('%s', (_name, config, message) => {
    let err: unknown;
    try {
      const { ext, ...rest } = config as ConventionsConfig & { ext?: unknown };
      resolve(ext === undefined ? foreign : { ...foreign, 'x-proofgate-conventions': ext }, rest);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).exitCode).toBe(2);
    expect((err as Error).message).toMatch(message);
  });
});
