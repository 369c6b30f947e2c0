import { Type } from '@sinclair/typebox';
import { defineSection } from './section.js';

export const freezeSection = defineSection({
  key: 'freeze',
  schema: Type.Object(
    {
      spec: Type.Optional(
        Type.String({
          minLength: 1,
          description: 'The spec `proofgate freeze` freezes (default openapi.yaml).',
        }),
      ),
      dir: Type.Optional(
        Type.String({ minLength: 1, description: 'The frozen version folder (default contracts/v1).' }),
      ),
      sha256: Type.Optional(
        Type.String({
          pattern: '^[0-9a-f]{64}$',
          description:
            'Pin: the sha256 the frozen snapshot must keep, 64 lowercase hex digits (catches a re-freeze of all four files).',
        }),
      ),
    },
    { additionalProperties: false, description: 'freeze and verify-freeze.' },
  ),
});
