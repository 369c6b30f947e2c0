import { describe, expect, it } from 'vitest';
import { loadSpec } from '../openapi/index.js';
import { packagePath } from '../paths.js';
import './index.js';

const fx = (...p: string[]) => packagePath('fixtures', 'openapi', ...p);
const BASE = fx('good', 'petstore.yaml');

const doc = (paths: Record<string, unknown>) => ({
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths,
});
const op = (props: Record<string, unknown>, required: string[] = []) => ({
  get: {
    responses: {
      '200': {
        description: 'ok',
        content: { 'application/json': { schema: { type: 'object', required, properties: props } } },
      },
    },
  },
});

describe('proofgate/vitest matchers', () => {
  it.each([
    ['non-breaking edit', { candidate: fx('pairs', 'non-breaking.yaml'), noBreaking: true, additive: false }],
    ['additive edit', { candidate: fx('pairs', 'additive.yaml'), noBreaking: true, additive: true }],
    ['breaking edit', { candidate: fx('pairs', 'breaking.yaml'), noBreaking: false, additive: false }],
    ['same spec as JSON', { candidate: fx('good', 'petstore.json'), noBreaking: true, additive: false }],
  ])('%s (paths)', async (_name, { candidate, noBreaking, additive }) => {
    if (noBreaking) await expect(candidate).toHaveNoBreakingChangesFrom(BASE);
    else await expect(candidate).not.toHaveNoBreakingChangesFrom(BASE);
    if (additive) await expect(candidate).toBeAdditiveTo(BASE);
    else await expect(candidate).not.toBeAdditiveTo(BASE);
  });

  it('accepts in-memory documents and LoadedSpec values', async () => {
    const base = doc({ '/a': op({ id: { type: 'string' } }, ['id']) });
    const more = doc({ '/a': op({ id: { type: 'string' }, extra: { type: 'string' } }, ['id']) });
    await expect(more).toBeAdditiveTo(base);
    await expect(await loadSpec(fx('pairs', 'additive.yaml'))).toBeAdditiveTo(await loadSpec(BASE));
  });

  it('the failure message lists each breaking change with operation, id and pointer', async () => {
    await expect(expect(fx('pairs', 'breaking.yaml')).toHaveNoBreakingChangesFrom(BASE)).rejects.toThrow(
      /to have no breaking changes from .*petstore\.yaml, but found 3:\n {2}✖ GET \/pets: response-required-property-removed \[breaking\]: .* \(#\/components\/schemas\/Pet\/properties\/name\)/,
    );
  });

  it.each([
    [
      'breaking',
      {
        candidate: fx('pairs', 'breaking.yaml'),
        want: /to be additive to .*, but it breaks it \(verdict breaking, 3 changes\):\n {2}✖ GET/,
      },
    ],
    [
      'non-breaking',
      {
        candidate: fx('pairs', 'non-breaking.yaml'),
        want: /to be additive to .*, but it adds nothing \(verdict non-breaking, 0 changes\)/,
      },
    ],
  ])('toBeAdditiveTo explains a %s candidate', async (_name, { candidate, want }) => {
    await expect(expect(candidate).toBeAdditiveTo(BASE)).rejects.toThrow(want);
  });

  it('.not explains an unexpected pass', async () => {
    await expect(expect(fx('pairs', 'additive.yaml')).not.toHaveNoBreakingChangesFrom(BASE)).rejects.toThrow(
      /to have breaking changes from .*, but it has none \(verdict additive, 3 changes\)/,
    );
  });

  it('invalid input rejects with the loader error, never a pass', async () => {
    await expect(
      expect(fx('bad', 'dangling-ref.yaml')).toHaveNoBreakingChangesFrom(BASE),
    ).rejects.toMatchObject({
      code: 'ERR_SPEC_REF',
    });
    await expect(expect({ swagger: '2.0' }).toHaveNoBreakingChangesFrom(BASE)).rejects.toMatchObject({
      code: 'ERR_SPEC_UNSUPPORTED',
    });
  });
});
