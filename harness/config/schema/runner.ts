import { Type } from '@sinclair/typebox';
import { defineSection } from './section.js';

const strings = (description: string) => Type.Array(Type.String({ minLength: 1 }), { description });

export const runnerSection = defineSection({
  key: 'runner',
  schema: Type.Object(
    {
      runs: Type.Optional(
        Type.Integer({
          minimum: 2,
          description: 'Shuffled runs per suite set (default 2; one run cannot detect flakiness).',
        }),
      ),
      seeds: Type.Optional(
        Type.Array(Type.Integer(), { uniqueItems: true, description: 'Distinct seeds, one per run.' }),
      ),
      maxExtraRuns: Type.Optional(
        Type.Integer({
          minimum: 0,
          description: 'Extra runs allowed when the seeds gave identical orders (default 3).',
        }),
      ),
      testTimeout: Type.Optional(
        Type.Integer({ minimum: 1, description: 'Per-test timeout in ms (default 30 000).' }),
      ),
      allowWarnings: Type.Optional(
        strings(
          'Process warning names that do not fail the run (default DeprecationWarning, ExperimentalWarning).',
        ),
      ),
      always: Type.Optional(strings('Globs of suites that run on every gate, whatever changed.')),
    },
    {
      additionalProperties: false,
      description: 'The proof runner: every selected suite runs at least twice, shuffled.',
    },
  ),
});
