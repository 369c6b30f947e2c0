import { Type } from '@sinclair/typebox';
import { CHECKS } from '../../conformance/check-ids.js';

// `conformance.conventions`: how a team's API spells what the checks need (docs/conformance.md,
// "Conventions"). The contract's own `x-proofgate-conventions` takes the same shape.

const name = (description: string) => Type.String({ minLength: 1, description });

export const conventionsSchema = Type.Object(
  {
    errorIdentity: Type.Optional(
      Type.String({
        pattern: '^(/([^~/]|~[01])*)+$',
        description:
          "JSON pointer to an error body's stable identity: `/type` (problem+json), `/error/code`, …",
      }),
    ),
    errorModel: Type.Optional(
      Type.Union([Type.Literal('problem+json'), Type.Literal('envelope')], {
        description: 'RFC 9457 problem details, or a custom JSON envelope.',
      }),
    ),
    idempotencyHeader: Type.Optional(
      name('Request header carrying the idempotency key (`X-Idempotency-Key`, …), or `none`.'),
    ),
    pagination: Type.Optional(
      Type.Object(
        {
          style: Type.Optional(
            Type.Union(
              [Type.Literal('token'), Type.Literal('link'), Type.Literal('offset'), Type.Literal('none')],
              {
                description:
                  'token: a next member in the body; link: RFC 8288 Link rel="next"; offset: offset/limit query parameters; none.',
              },
            ),
          ),
          tokenParam: Type.Optional(name('Query parameter carrying the page token / cursor.')),
          offsetParam: Type.Optional(name('Query parameter carrying the offset (style offset).')),
          nextField: Type.Optional(name('Body member holding the next page token.')),
          itemsField: Type.Optional(name("Body member holding the page's items.")),
          limitParam: Type.Optional(name('Query parameter for the page size.')),
        },
        { additionalProperties: false, description: 'How list operations page.' },
      ),
    ),
    signature: Type.Optional(
      Type.Object(
        {
          scheme: Type.Union([Type.Literal('detached-jws'), Type.Literal('rfc9421'), Type.Literal('none')], {
            description: 'detached JWS in one header, RFC 9421 HTTP Message Signatures, or none.',
          }),
          header: Type.Optional(name('The response header carrying the signature.')),
          keySet: Type.Optional(name('operationId of the GET that publishes the JWKS.')),
        },
        { additionalProperties: false, description: 'Response signatures.' },
      ),
    ),
    references: Type.Optional(
      Type.Record(Type.String({ minLength: 1 }), Type.String({ minLength: 1 }), {
        description:
          'Body member or path parameter (`customer_id`, `customerId`) → operationId that creates what it names.',
      }),
    ),
    notApplicable: Type.Optional(
      Type.Object(
        Object.fromEntries(
          CHECKS.map((c) => [c.id, Type.Optional(Type.String({ minLength: 1, pattern: '\\S' }))]),
        ),
        {
          additionalProperties: false,
          description: 'Check id → why it does not apply: reported as not applicable, never as passed.',
        },
      ),
    ),
  },
  {
    additionalProperties: false,
    description:
      'How this API spells its conventions; inferred from the contract when absent (docs/conformance.md).',
  },
);
