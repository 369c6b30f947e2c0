import { Type } from '@sinclair/typebox';
import { defineSection } from './section.js';

export const proofsSection = defineSection({
  key: 'proofs',
  schema: Type.Object(
    {
      bundle: Type.Optional(
        Type.String({
          minLength: 1,
          description:
            'Offline bundle folder to verify (manifest.json, keys.jwks.json, records.jsonl, anchors.jsonl).',
        }),
      ),
      workers: Type.Optional(
        Type.Integer({
          minimum: 1,
          maximum: 64,
          description: 'Worker threads for signature verification, at most 64 (default: available cores).',
        }),
      ),
    },
    { additionalProperties: false, description: 'verify-proofs and import: the history to verify.' },
  ),
});
