import { Type } from '@sinclair/typebox';
import { defineSection } from './section.js';

export const migrationsSection = defineSection({
  key: 'migrations',
  schema: Type.Object(
    {
      lock: Type.Optional(
        Type.String({
          minLength: 1,
          description: 'Migration checksum lock file (default migrations.lock.json beside the config).',
        }),
      ),
    },
    { additionalProperties: false, description: 'proofgate migrations.' },
  ),
});
