import { Type, type Static } from '@sinclair/typebox';
import { refineRehearsal } from '../refine.js';
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
    restore: Type.Optional(
      Type.Object(
        {
          dump: Type.String({
            minLength: 1,
            description: 'A pg_dump of a staging copy at the base release (relative to the config file).',
          }),
          format: Type.Optional(
            Type.Union([Type.Literal('custom'), Type.Literal('plain')], {
              description:
                '`custom` (pg_dump -Fc, default: the data of the mapped tables is restored with pg_restore) or `plain` (a data-only SQL dump run by psql).',
            }),
          ),
        },
        {
          additionalProperties: false,
          description:
            "Load a team's own history by restoring a staging dump into the tables the base release created; needs ledger.source and the PostgreSQL client tools of the server's major.",
        },
      ),
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

/** The validated `rehearsal` section. */
export type RehearsalConfigValue = Static<typeof schema>;

export const rehearsalSection = defineSection({ key: 'rehearsal', schema, refine: refineRehearsal });
