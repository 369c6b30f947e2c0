import { Type } from '@sinclair/typebox';
import { GATE_STAGE_IDS } from '../../gate/stage-ids.js';
import { defineSection, keyedObject } from './section.js';

const stage = Type.Object(
  {
    args: Type.Optional(
      Type.Array(Type.String(), {
        description: 'Extra CLI args for a command-backed stage, passed verbatim.',
      }),
    ),
    skip: Type.Optional(
      Type.Boolean({ description: 'Skip the stage by config (listed as skipped, never as passed).' }),
    ),
    notApplicable: Type.Optional(
      Type.String({
        minLength: 1,
        pattern: '\\S',
        description:
          'Why the stage does not apply to this service (e.g. rehearse without a database): reported as not applicable with this reason, never as passed.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const gateSection = defineSection({
  key: 'gate',
  schema: Type.Object(
    {
      outDir: Type.Optional(
        Type.String({ minLength: 1, description: 'Release folder (default proofgate-release).' }),
      ),
      changelog: Type.Optional(
        Type.Union([Type.String({ minLength: 1 }), Type.Literal(false)], {
          description:
            'Operations Changelog file the gate appends to (default OPERATIONS_CHANGELOG.md); false: none.',
        }),
      ),
      from: Type.Optional(
        Type.String({
          minLength: 1,
          description: 'Base git ref of the release (selection and release class).',
        }),
      ),
      to: Type.Optional(Type.String({ minLength: 1, description: 'Candidate git ref (default HEAD).' })),
      stages: Type.Optional(
        keyedObject(GATE_STAGE_IDS, stage, {
          description: 'Per stage id: `args`, `skip` and `notApplicable`.',
        }),
      ),
    },
    {
      additionalProperties: false,
      description: 'prod-gate: release folder, Operations Changelog, base ref, per-stage settings.',
    },
  ),
});
