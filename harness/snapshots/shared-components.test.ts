import { describe, expect, it } from 'vitest';
import { diffSpecs } from './index.js';

type J = Record<string, unknown>;

// A problem-details schema (RFC 9457) used by eight operations, through shared responses and
// direct $refs, in 404 and 409 responses; four operations take an Idempotency-Key.
function api(problem: J): J {
  const ref = { $ref: '#/components/schemas/Problem' };
  const problemBody = { content: { 'application/problem+json': { schema: ref } } };
  const paths: J = {};
  for (const name of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) {
    const idem = ['a', 'b', 'c', 'd'].includes(name);
    paths[`/${name}`] = {
      post: {
        ...(idem
          ? { parameters: [{ in: 'header', name: 'Idempotency-Key', schema: { type: 'string' } }] }
          : {}),
        responses: {
          '200': { description: 'ok' },
          '404':
            name < 'e' ? { $ref: '#/components/responses/NotFound' } : { description: 'nf', ...problemBody },
          '409': { description: 'conflict', ...problemBody },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths,
    components: {
      schemas: { Problem: problem },
      responses: { NotFound: { description: 'not found', ...problemBody } },
    },
  };
}
const before = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'instance'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
  },
};
const after = { ...before, required: ['type', 'title', 'status'] };

describe('findings on a shared component', () => {
  const changes = diffSpecs(api(before), api(after));
  const optional = changes.filter((c) => c.id === 'response-property-became-optional');

  it('name every operation and response that uses it, and the counts add up', () => {
    expect(optional.length).toBeGreaterThan(0);
    for (const prop of ['detail', 'instance']) {
      const mine = optional.filter((c) => c.pointer === `/components/schemas/Problem/properties/${prop}`);
      const uses = new Set<string>();
      for (const c of mine) {
        uses.add(`${c.method} ${c.path} ${c.where}`);
        for (const u of c.uses ?? []) uses.add(`${u.method} ${u.path} ${u.where}`);
        // The message's counts are the listed uses, this one aside.
        expect(c.message).toContain(`also used at ${(c.uses ?? []).length - 1} other place`);
      }
      const want = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].flatMap((n) => [
        `POST /${n} response 404 application/problem+json`,
        `POST /${n} response 409 application/problem+json`,
      ]);
      expect([...uses].sort()).toEqual(want.sort());
    }
  });

  it('pointers point into the component, and the message says so', () => {
    for (const c of optional) {
      expect(c.pointer.startsWith('/components/schemas/Problem/')).toBe(true);
      expect(c.message).toContain('in shared component `/components/schemas/Problem`');
    }
  });

  it('no status changed, so no status rule fires; the conflict body change is named as such', () => {
    expect(changes.map((c) => c.id)).not.toContain('idempotency-conflict-status-changed');
    expect(changes.map((c) => c.id)).toContain('idempotency-conflict-body-changed');
    expect(
      changes.every((c) => c.class === 'breaking' || c.class === 'non-breaking' || c.class === 'additive'),
    ).toBe(true);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(diffSpecs(api(before), api(after)))).toBe(JSON.stringify(changes));
  });
});
