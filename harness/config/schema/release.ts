import { Type } from '@sinclair/typebox';
import { ENVIRONMENTS } from '../../release/matrix.js';
import { defineSection, keyedObject } from './section.js';

export const releaseSection = defineSection({
  key: 'release',
  schema: Type.Object(
    {
      envFile: Type.Optional(
        Type.String({
          minLength: 1,
          description: 'Env file `release-check` (and the prod-gate stage) checks.',
        }),
      ),
      contractsDir: Type.Optional(
        Type.String({
          minLength: 1,
          description: 'Folder with one `<version>/openapi.yaml` per frozen API version (default contracts).',
        }),
      ),
      requiredSecrets: Type.Optional(
        keyedObject(ENVIRONMENTS, Type.Array(Type.String({ minLength: 1 })), {
          description: 'Extra secrets required per environment, on top of the built-in matrix.',
        }),
      ),
    },
    { additionalProperties: false, description: 'release-check: the environment a release starts with.' },
  ),
});
