import { describe, expect, it } from 'vitest';
import { createSubject } from '../../fixtures/foreign-service/subject.js';
import { FOREIGN_SPEC_FILE } from '../../fixtures/foreign-service/app.js';
import { loadSpec } from '../openapi/index.js';
import { replaceAt, valuesAt } from './body-members.js';
import { finalize, toRequest, validInputs } from './build-requests.js';
import { supertestClient } from './client.js';
import { RunContext } from './context.js';
import { resolveConventions } from './conventions/resolve-conventions.js';
import { ensureReferences } from './ensure-references.js';
import { listOperations } from './operations.js';
import { resolveApp } from './resolve-app.js';
import { runSeeds } from './run-seed.js';
import { DEFAULT_SEED } from './run-conformance.js';
import { SchemaValidator } from './schema/validator.js';

describe('body members at a JSON pointer, `*` for every array item', () => {
  const body = { billing: { customer_id: 'a' }, lines: [{ plan_id: 'x' }, { plan_id: 'y' }, {}] };
  it.each([
    ['/billing/customer_id', ['a'], { ...body, billing: { customer_id: 'N0' } }],
    ['/lines/*/plan_id', ['x', 'y'], { ...body, lines: [{ plan_id: 'N0' }, { plan_id: 'N1' }, {}] }],
    ['/missing/customer_id', [], body],
    ['/billing/*/customer_id', [], body],
  ])('%s', (pointer, values, replaced) => {
    expect(valuesAt(body, pointer)).toEqual(values);
    expect(replaceAt(body, pointer, (n) => `N${n}`)).toEqual(replaced);
    expect(body.lines[0]).toEqual({ plan_id: 'x' }); // never in place
  });
});

describe('ensureReferences: references nested in a body (real HTTP through the Fastify app)', () => {
  it('a quote needs a customer (billing.customer_id) and plans (lines[].plan_id): the customer is created, both are filled, the quote is 201', async () => {
    const spec = await loadSpec(FOREIGN_SPEC_FILE);
    const ops = listOperations(spec.doc);
    const subject = await createSubject();
    try {
      const client = supertestClient(await resolveApp(subject.app, 'billing'), 'billing');
      const ctx = new RunContext(
        spec.doc,
        new SchemaValidator(spec.doc, spec.version),
        client,
        subject.token,
        DEFAULT_SEED,
        1,
        resolveConventions(spec.doc, ops),
      );
      const createQuote = ops.find((o) => o.operationId === 'createQuote')!;
      // Plans: no operation creates one. Without the seed's ids they are reported missing.
      expect(await ensureReferences(ctx, ops, createQuote)).toEqual(['Plan']);
      expect(ctx.idsOf('Customer')).toHaveLength(1);
      expect(ctx.exchanges.map((e) => `${e.request.method} ${e.op.path} ${e.response.status}`)).toEqual([
        'post /v1/customers 201',
      ]);

      const seeded = await runSeeds(subject, client, spec.doc, { timeoutMs: 60_000 });
      ctx.adopt(seeded['org-acme']!);
      expect(await ensureReferences(ctx, ops, createQuote)).toEqual([]);
      const inputs = finalize(ctx, createQuote, validInputs(ctx, createQuote, 1)[0]!, 0);
      const body = inputs.body as { billing: { customer_id: string }; lines: { plan_id: string }[] };
      expect(body.billing.customer_id).toBe(ctx.idsOf('Customer')[0]);
      expect(body.lines.length).toBeGreaterThan(0);
      for (const line of body.lines) expect(seeded['org-acme']!.Plan).toContain(line.plan_id);
      const res = await ctx.send(createQuote, 'test', toRequest(ctx, createQuote, inputs));
      expect(res.status).toBe(201);
      expect(ctx.idsOf('Quote')).toEqual([(res.json as { id: string }).id]);
    } finally {
      await subject.close();
    }
  });
});
