import { Type } from '@sinclair/typebox';
import { defineSection } from './section.js';

export const openapiSection = defineSection({
  key: 'openapi',
  schema: Type.Object(
    {
      base: Type.Optional(
        Type.String({
          minLength: 1,
          description:
            'The frozen contract the candidate is checked against (default contracts/v1/openapi.yaml).',
        }),
      ),
      candidate: Type.Optional(Type.String({ minLength: 1, description: 'The candidate spec.' })),
      exceptions: Type.Optional(
        Type.String({
          minLength: 1,
          description:
            'Reviewed accepted-exceptions file (rule id + operation + pointer, reason, approver, expiry).',
        }),
      ),
      maxBytes: Type.Optional(
        Type.Integer({ minimum: 1, description: 'Largest spec file accepted, in bytes (default 50 MiB).' }),
      ),
      maxAliases: Type.Optional(
        Type.Integer({
          minimum: 0,
          description: 'Largest number of YAML alias expansions accepted (default 10 000).',
        }),
      ),
    },
    {
      additionalProperties: false,
      description: 'check-openapi, freeze and release-class: the specs and their loading limits.',
    },
  ),
});
