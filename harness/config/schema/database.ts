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
      schema: Type.Optional(
        Type.String({
          minLength: 1,
          description:
            "Schema of proofgate's ledger tables that verify-proofs and export read (default public; never the search_path).",
        }),
      ),
      lockTimeoutMs: Type.Optional(
        Type.Integer({
          minimum: 1,
          description:
            'Longest wait for a table lock (or, for import, the ledger schema lock) when reading or importing the ledger, in ms (default 10 000).',
        }),
      ),
      statementTimeoutMs: Type.Optional(
        Type.Integer({
          minimum: 1,
          description:
            'Longest run of one ledger metadata query or import statement, in ms (default 120 000; record streams and COPYs are bounded by the lock timeout only).',
        }),
      ),
    },
    {
      additionalProperties: false,
      description: 'Where Postgres comes from (rehearse, migrations, import, export, verify-proofs).',
    },
  ),
});
