import { describe, expect, it } from 'vitest';
import { FOREIGN_SPEC_FILE } from '../../fixtures/foreign-service/app.js';
import { loadSpec } from '../openapi/index.js';
import { RailContext } from './rail-context.js';

// The rails ask "is this token allowed?": a generated page token (valid by schema, naming no page)
// would make every list answer 400 whatever the token, and the rail would learn nothing.
const spec = await loadSpec(FOREIGN_SPEC_FILE);
const rc = new RailContext({
  doc: spec.doc,
  version: spec.version,
  client: { describe: 'unused', send: () => Promise.reject(new Error('no requests in this test')) },
  mintToken: () => 't',
  scopes: ['customers:read'],
  tenants: ['a', 'b'],
  seed: 1,
});

describe('rail inputs', () => {
  it.each([0, 1, 2])('input %i of a list carries no optional query parameter', (index) => {
    const op = rc.ops.find((o) => o.operationId === 'listCustomers')!;
    expect(rc.inputs(op, index).query).toEqual({});
  });
});
