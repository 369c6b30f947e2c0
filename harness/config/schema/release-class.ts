import { Type } from '@sinclair/typebox';
import { defineSection } from './section.js';

export const releaseClassSection = defineSection({
  key: 'releaseClass',
  schema: Type.Object(
    {
      changelog: Type.Optional(
        Type.String({
          minLength: 1,
          description: 'Changelog file that must change in every release (default CHANGELOG.md).',
        }),
      ),
      rollbackPlans: Type.Optional(
        Type.Array(Type.String({ minLength: 1 }), {
          description:
            'Rollback plan files, any one present and non-empty at the candidate ref (default docs/rollback.md, ROLLBACK.md).',
        }),
      ),
      fixPattern: Type.Optional(
        Type.String({
          format: 'regex',
          description: 'Case-insensitive regex on commit subjects that marks a fix.',
        }),
      ),
      migrationTestPattern: Type.Optional(
        Type.String({
          format: 'regex',
          description:
            'Case-insensitive regex on changed test paths that marks a migration test (default `migrat`).',
        }),
      ),
    },
    {
      additionalProperties: false,
      description: 'Release class gates, checked from the repository between --from and --to.',
    },
  ),
});
