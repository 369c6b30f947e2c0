import { Type, type Static } from '@sinclair/typebox';
import { ledgerProblems } from '../ledger-section.js';
import { defineSection } from './section.js';

const str = (description: string) => Type.String({ minLength: 1, description });
const pointerOrNull = (description: string) =>
  Type.Optional(Type.Union([Type.String({ minLength: 1 }), Type.Null()], { description }));
const literals = <T extends string | number>(values: readonly T[], description: string) =>
  Type.Optional(
    Type.Union(
      values.map((v) => Type.Literal(v)),
      { description },
    ),
  );
const strict = { additionalProperties: false } as const;

const profile = Type.Object(
  {
    header: Type.Optional(
      Type.Object(
        {
          typ: Type.Optional(
            Type.Array(Type.Union([Type.String({ minLength: 1 }), Type.Null()]), {
              minItems: 1,
              description: 'Allowed `typ` values; null allows a header without typ.',
            }),
          ),
          jcs: Type.Optional(Type.Boolean({ description: 'The header bytes must be their RFC 8785 form.' })),
          allow: Type.Optional(
            Type.Array(Type.String({ minLength: 1 }), {
              description:
                'Header members allowed besides alg/kid/typ (never crit, b64, jwk, jku, x5u, x5c, x5t, zip).',
            }),
          ),
        },
        { ...strict, description: 'Header policy.' },
      ),
    ),
    payload: literals(
      ['jcs', 'as-signed'],
      '`jcs` (exactly RFC 8785) or `as-signed` (stored bytes; duplicates refused).',
    ),
    fields: Type.Optional(
      Type.Object(
        {
          seq: Type.Optional(str('JSON pointer to the seq.')),
          prev: pointerOrNull('JSON pointer to prev, or null (chain none).'),
          log: pointerOrNull('JSON pointer to the log origin, or null.'),
          time: pointerOrNull('JSON pointer to the signing time, or null.'),
          statement: pointerOrNull('JSON pointer to the statement, or null.'),
        },
        { ...strict, description: 'Where the fields are in the payload (RFC 6901 JSON pointers).' },
      ),
    ),
    time: literals(['unix-seconds', 'unix-ms', 'rfc3339'], 'The signing-time format.'),
    firstSeq: literals([0, 1], 'The seq of the first record.'),
    chain: literals(['leaf-hash', 'sha256-of-prev-token', 'none'], 'What prev links to.'),
    anchorLeaf: literals(['rfc6962-token'], 'Leaf input of the anchored tree (0x00 ‖ token).'),
  },
  { ...strict, description: 'Record profile of a log proofgate did not write (docs/foreign-ledger.md).' },
);

const query = Type.Object(
  { query: str('One SELECT returning the columns in the documented order.') },
  strict,
);
const source = Type.Object(
  {
    origin: str('The log origin (checkpoint origin line, and the payload log).'),
    noteKeys: Type.Array(Type.String({ minLength: 1 }), {
      description: 'Trusted C2SP note verifier keys (vkeys).',
    }),
    records: Type.Union(
      [Type.Object({ table: str('schema.table'), seq: str('column'), token: str('column') }, strict), query],
      { description: 'Records: a table with its seq and token columns, or a query (seq, token).' },
    ),
    keys: Type.Union(
      [
        Type.Object(
          {
            table: str('schema.table'),
            kid: str('column'),
            alg: str('column'),
            jwk: str('column (json, jsonb or text)'),
            validFrom: str('column (timestamptz)'),
            validUntil: Type.Optional(str('column (timestamptz)')),
            revokedAt: Type.Optional(str('column (timestamptz)')),
          },
          strict,
        ),
        query,
      ],
      {
        description:
          'Key bindings: a table with its columns, or a query (kid, alg, jwk, valid_from, valid_until, revoked_at).',
      },
    ),
    anchors: Type.Union(
      [Type.Object({ table: str('schema.table'), size: str('column'), note: str('column') }, strict), query],
      {
        description:
          'Anchors: a table with its tree size and checkpoint note columns, or a query (size, note).',
      },
    ),
  },
  { ...strict, description: "Where the team's ledger lives: schema-qualified tables or SQL queries." },
);

const schema = Type.Object(
  { profile: Type.Optional(profile), source: Type.Optional(source) },
  {
    ...strict,
    description:
      'A ledger proofgate did not write: record profile and source mapping (docs/foreign-ledger.md).',
  },
);

/** The validated `ledger` section. */
export type LedgerConfigValue = Static<typeof schema>;

export const ledgerSection = defineSection({
  key: 'ledger',
  schema,
  // What JSON Schema cannot say: JSON pointer syntax, chain vs prev, never-allowed header
  // members, schema-qualified names, one SELECT per query.
  refine: ledgerProblems,
});
