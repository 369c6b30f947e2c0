import { Type, type Static } from '@sinclair/typebox';
import { CATEGORIES } from '../../selection/types.js';
import { refineSelection } from '../refine.js';
import { defineSection, keyedObject } from './section.js';

const globs = (description: string) => Type.Array(Type.String({ minLength: 1 }), { description });

const suite = Type.Object(
  {
    name: Type.String({ minLength: 1, description: 'Suite name, e.g. `payment`.' }),
    files: Type.Array(Type.String({ minLength: 1 }), {
      minItems: 1,
      description: 'Globs of the suite’s test files (relative to the config folder): what the runner runs.',
    }),
    match: Type.Optional(
      Type.String({
        format: 'regex',
        description:
          'Case-insensitive regex tried on every changed path and changed line of code, config, policy and schema files.',
      }),
    ),
    paths: Type.Optional(globs('Globs on changed paths that select the suite.')),
    categories: Type.Optional(
      Type.Array(Type.Union(CATEGORIES.map((c) => Type.Literal(c))), {
        description: 'Any change in one of these categories selects the suite.',
      }),
    ),
  },
  { additionalProperties: false },
);

const schema = Type.Object(
  {
    categories: Type.Optional(
      keyedObject(CATEGORIES, globs(''), {
        description:
          'Path globs per category (override a default list); the first match wins, `code` catches the rest.',
      }),
    ),
    suites: Type.Optional(Type.Array(suite, { description: 'Proof suites and what selects them.' })),
    unmatched: Type.Optional(
      Type.Union([Type.Literal('all'), Type.Literal('fail'), Type.Literal('none')], {
        description:
          'A code/config/policy/schema change no suite covers: `all` suites (default), `fail` or `none`.',
      }),
    ),
  },
  { additionalProperties: false, description: 'select-proofs: which proof suites a change needs.' },
);

/** The validated `selection` section. */
export type SelectionConfigValue = Static<typeof schema>;

export const selectionSection = defineSection({ key: 'selection', schema, refine: refineSelection });
