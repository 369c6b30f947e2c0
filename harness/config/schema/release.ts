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
      secrets: Type.Optional(
        keyedObject(ENVIRONMENTS, Type.Array(Type.String({ minLength: 1 })), {
          description:
            "The secrets each listed environment needs, replacing the built-in matrix's list for it (a service without a database lists no DATABASE_URL).",
        }),
      ),
      signingKeyVars: Type.Optional(
        Type.Array(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }), {
          minItems: 1,
          description: 'Variables that may hold the signing key (default SIGNING_KEY, SIGNING_KEY_FILE).',
        }),
      ),
    },
    { additionalProperties: false, description: 'release-check: the environment a release starts with.' },
  ),
});
