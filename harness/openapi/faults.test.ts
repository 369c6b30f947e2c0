import { describe, expect, it } from 'vitest';
import { packagePath } from '../paths.js';
import { diffSpecs, verdictOf } from '../snapshots/index.js';
import { loadSpec } from './index.js';

// The spec-loading part of the fault suite (issue 14): every bad input here once ended in PASS,
// a crash or an out-of-memory kill. Fixtures live in fixtures/faults/openapi/.
const fault = (...p: string[]) => packagePath('fixtures', 'faults', 'openapi', ...p);
const DATE = '2026-11-21';

describe('same-document $ref written with the file name', () => {
  const diff = async (candidate: string) => {
    const [a, b] = await Promise.all([
      loadSpec(fault('self-ref', 'base', 'openapi.yaml')),
      loadSpec(fault('self-ref', candidate, 'openapi.yaml')),
    ]);
    return diffSpecs(a.doc, b.doc, { date: DATE });
  };

  it.each([['file'], ['dot']])('%s/: the same breaking changes as the #/ form', async (candidate) => {
    const want = await diff('hash');
    expect(verdictOf(want)).toBe('breaking');
    expect(want.map((c) => c.id)).toEqual(
      expect.arrayContaining(['request-parameter-became-required', 'response-property-type-changed']),
    );
    const got = await diff(candidate);
    expect(got).toEqual(want);
  });

  it('the loaded document holds only #/ pointers', async () => {
    const { doc } = await loadSpec(fault('self-ref', 'file', 'openapi.yaml'));
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]*)"/g)].map((m) => m[1]);
    expect(refs).toEqual(['#/components/parameters/Limit', '#/components/schemas/Items']);
  });
});
