import { Type } from '@sinclair/typebox';
import { defineSection } from './section.js';

export const DATABASE_PROVIDERS = ['auto', 'url', 'testcontainers', 'embedded'] as const;

export const databaseSection = defineSection({
  key: 'database',
  schema: Type.Object(
    {
      url: Type.Optional(
        Type.String({
          minLength: 1,
          description: 'Bring-your-own Postgres: proofgate creates and drops its own database there.',
        }),
      ),
      targetMajor: Type.Optional(
        Type.Integer({
          minimum: 10,
          description:
            'The production PostgreSQL major version; a different server major is a FAIL (default 15).',
        }),
      ),
      provider: Type.Optional(
        Type.Union(
          DATABASE_PROVIDERS.map((p) => Type.Literal(p)),
          {
            description:
              'Force one provider instead of the url → testcontainers → embedded chain (default auto).',
          },
        ),
      ),
    },
    {
      additionalProperties: false,
      description: 'Where Postgres comes from (rehearse, migrations, import, export, verify-proofs).',
    },
  ),
});
