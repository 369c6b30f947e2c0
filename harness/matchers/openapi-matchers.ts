import { allInOrder } from '../all-in-order.js';
import { diffSpecs, verdictOf, type Change, type ChangeClass } from '../snapshots/index.js';
import { describeChanges } from './describe-changes.js';
import { toLoadedSpec, type SpecInput } from './spec-input.js';

export interface OpenApiMatcherOptions {
  /** YYYY-MM-DD for lifecycle (sunset) rules; without it no date-dependent change is reported. */
  date?: string;
}

interface MatcherResult {
  pass: boolean;
  message: () => string;
}

async function compare(candidate: SpecInput, base: SpecInput, options: OpenApiMatcherOptions = {}) {
  const [c, b] = await allInOrder([toLoadedSpec(candidate, 'candidate'), toLoadedSpec(base, 'base')]);
  const changes = diffSpecs(b.doc, c.doc, options.date === undefined ? {} : { date: options.date });
  return { changes, verdict: verdictOf(changes), names: { base: b.file, candidate: c.file } };
}

function summary(verdict: ChangeClass, changes: readonly Change[]): string {
  return `verdict ${verdict}, ${changes.length} change${changes.length === 1 ? '' : 's'}`;
}

/**
 * Vitest/Jest matchers over the same loader and diff as `proofgate check-openapi`:
 *   await expect('openapi.yaml').toHaveNoBreakingChangesFrom('contracts/v1/openapi.yaml')
 *   await expect(candidateDoc).toBeAdditiveTo(baseDoc)
 * Both are async: always `await` them.
 */
export const openapiMatchers = {
  async toHaveNoBreakingChangesFrom(
    received: SpecInput,
    base: SpecInput,
    options?: OpenApiMatcherOptions,
  ): Promise<MatcherResult> {
    const { changes, verdict, names } = await compare(received, base, options);
    const breaking = changes.filter((c) => c.class === 'breaking');
    return {
      pass: verdict !== 'breaking',
      message: () =>
        verdict === 'breaking'
          ? `expected ${names.candidate} to have no breaking changes from ${names.base}, but found ${breaking.length}:\n${describeChanges(breaking)}`
          : `expected ${names.candidate} to have breaking changes from ${names.base}, but it has none (${summary(verdict, changes)})`,
    };
  },

  async toBeAdditiveTo(
    received: SpecInput,
    base: SpecInput,
    options?: OpenApiMatcherOptions,
  ): Promise<MatcherResult> {
    const { changes, verdict, names } = await compare(received, base, options);
    const shown = verdict === 'breaking' ? changes.filter((c) => c.class === 'breaking') : changes;
    return {
      pass: verdict === 'additive',
      message: () =>
        verdict === 'additive'
          ? `expected ${names.candidate} not to be additive to ${names.base}, but it is (${summary(verdict, changes)}):\n${describeChanges(changes)}`
          : verdict === 'breaking'
            ? `expected ${names.candidate} to be additive to ${names.base}, but it breaks it (${summary(verdict, changes)}):\n${describeChanges(shown)}`
            : `expected ${names.candidate} to be additive to ${names.base}, but it adds nothing (${summary(verdict, changes)})`,
    };
  },
};
