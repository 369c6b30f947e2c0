import { describe, expect, it } from 'vitest';
import { FOREIGN_SPEC_FILE } from '../../fixtures/foreign-service/app.js';
import { loadSpec } from '../openapi/index.js';
import { validInputs } from './build-requests.js';
import { RunContext } from './context.js';
import { resolveConventions } from './conventions/resolve-conventions.js';
import { DEFAULT_RUNS, DEFAULT_SEED } from './run-conformance.js';
import { listOperations } from './operations.js';
import { SchemaValidator } from './schema/validator.js';

// Generated valid inputs at the default seed and runs: optional members left out at least once, and
// bounded members at both edges, so a 500 on a missing optional field or an off-by-one at a bound
// is found without raising --runs.
const spec = await loadSpec(FOREIGN_SPEC_FILE);
const ops = listOperations(spec.doc);
const ctx = new RunContext(
  spec.doc,
  new SchemaValidator(spec.doc, spec.version),
  { describe: 'unused', send: () => Promise.reject(new Error('no requests in this test')) },
  '',
  DEFAULT_SEED,
  DEFAULT_RUNS,
  resolveConventions(spec.doc, ops),
);
const bodies = (id: string) =>
  validInputs(
    ctx,
    ops.find((o) => o.operationId === id)!,
    DEFAULT_RUNS,
  ).map((i) => i.body as Record<string, unknown>);

describe('valid input generation (fixed seed)', () => {
  it.each([
    [
      'createCustomer without the optional email',
      { op: 'createCustomer', has: (b: Record<string, unknown>) => !('email' in b) },
    ],
    ['createCustomer with it', { op: 'createCustomer', has: (b: Record<string, unknown>) => 'email' in b }],
    [
      'createInvoice at amount_cents minimum',
      { op: 'createInvoice', has: (b: Record<string, unknown>) => b.amount_cents === 1 },
    ],
    [
      'createInvoice at amount_cents maximum',
      { op: 'createInvoice', has: (b: Record<string, unknown>) => b.amount_cents === 100000000 },
    ],
    [
      'createCustomer with a name of maxLength',
      { op: 'createCustomer', has: (b: Record<string, unknown>) => String(b.name).length === 80 },
    ],
  ])('includes %s', (_name, { op, has }) => {
    expect(bodies(op).some(has)).toBe(true);
  });

  it('every input is valid and the same seed gives the same inputs', () => {
    const op = ops.find((o) => o.operationId === 'createInvoice')!;
    for (const b of bodies('createInvoice'))
      expect(ctx.validator.isValid(op.requestBody!.schema, b)).toBe(true);
    expect(bodies('createInvoice')).toEqual(bodies('createInvoice'));
  });
});
