import { MAX_WORKERS } from '../../verify/max-workers.js';
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
          maximum: MAX_WORKERS,
          description: `Worker threads for signature verification, at most ${MAX_WORKERS} (default: available cores).`,
        }),
      ),
    },
    { additionalProperties: false, description: 'verify-proofs and import: the history to verify.' },
  ),
});
