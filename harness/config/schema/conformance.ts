import { Type } from '@sinclair/typebox';
import { conventionsSchema } from './conformance-conventions.js';
import { defineSection } from './section.js';

export const conformanceSection = defineSection({
  key: 'conformance',
  schema: Type.Object(
    {
      spec: Type.Optional(
        Type.String({
          minLength: 1,
          description: 'The contract conformance runs (default contracts/v1/openapi.yaml).',
        }),
      ),
      app: Type.Optional(
        Type.String({
          minLength: 1,
          description:
            "App factory module `path/to/module.js#export` (or baseUrl; without either, conformance is exit 2 — in proofgate's own repository the default is its reference service).",
        }),
      ),
      baseUrl: Type.Optional(
        Type.String({
          minLength: 1,
          description: 'A running service instead of an app; the token comes from PROOFGATE_TOKEN.',
        }),
      ),
      runs: Type.Optional(
        Type.Integer({ minimum: 1, description: 'Generated valid inputs per operation (default 10).' }),
      ),
      conventions: Type.Optional(conventionsSchema),
      appTimeoutMs: Type.Optional(
        Type.Integer({
          minimum: 1,
          description:
            "How long the app factory may take to give its app, and the subject's seed hook per tenant, in ms (default 60 000); past it the run is an error.",
        }),
      ),
    },
    {
      additionalProperties: false,
      description: 'proofgate conformance (and the gate stages conformance and rails).',
    },
  ),
});
