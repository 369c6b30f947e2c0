import { Type, type Static } from '@sinclair/typebox';
import { defineSection } from './section.js';

const schema = Type.Object(
  {
    base: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'Release in production: a folder relative to the config file, or `git:REF:PATH`.',
      }),
    ),
    candidate: Type.Optional(
      Type.String({ minLength: 1, description: 'Release to upgrade to (same forms).' }),
    ),
    history: Type.Optional(Type.String({ minLength: 1, description: 'History bundle folder.' })),
    load: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        minItems: 1,
        description:
          "A team's own history loader: argv (no shell), run from the config folder with DATABASE_URL; needs ledger.source.",
      }),
    ),
    generate: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'Without a history: this many seeded records (default 1000).',
      }),
    ),
  },
  {
    additionalProperties: false,
    description: '`proofgate rehearse` defaults (docs/rehearsal.md); flags win.',
  },
);

export const rehearsalSection = defineSection({
  key: 'rehearsal',
  schema,
  refine: (r: Static<typeof schema>) =>
    r.history !== undefined && r.generate !== undefined ? [['', 'give history or generate, not both']] : [],
});
