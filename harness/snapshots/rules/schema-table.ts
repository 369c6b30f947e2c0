import type { ChangeClass } from '../types.js';

/**
 * Neutral schema differences and how each one lands by direction. A request schema is what the
 * server accepts: tightening it breaks existing callers, loosening it is additive. A response schema
 * is what clients rely on: loosening it (wider type, new enum value, nullable, fewer guarantees)
 * breaks them, tightening it is non-breaking.
 */
export interface SchemaChangeSpec {
  change: string;
  request: ChangeClass;
  response: ChangeClass;
  family: 'enums' | 'lifecycle' | 'schema';
  rationale: string;
}

const B: ChangeClass = 'breaking';
const A: ChangeClass = 'additive';
const N: ChangeClass = 'non-breaking';

const rows: SchemaChangeSpec[] = [];
const add = (
  change: string,
  request: ChangeClass,
  response: ChangeClass,
  rationale: string,
  family: SchemaChangeSpec['family'] = 'schema',
) => rows.push({ change, request, response, family, rationale });

for (const [name, what] of [
  ['max-length', 'maxLength'],
  ['max-items', 'maxItems'],
  ['max-properties', 'maxProperties'],
  ['max', 'maximum'],
  ['exclusive-max', 'exclusiveMaximum'],
  ['max-contains', 'maxContains'],
]) {
  add(
    `${name}-set`,
    B,
    N,
    `A new ${what} rejects requests that were accepted; in responses it only narrows what clients receive.`,
  );
  add(
    `${name}-unset`,
    A,
    B,
    `Dropping ${what} accepts more requests; responses may now exceed the bound clients relied on.`,
  );
  add(
    `${name}-increased`,
    A,
    B,
    `A larger ${what} accepts more requests; responses may now exceed the old bound.`,
  );
  add(
    `${name}-decreased`,
    B,
    N,
    `A smaller ${what} rejects requests that were valid; responses stay within the old bound.`,
  );
}
for (const [name, what] of [
  ['min-length', 'minLength'],
  ['min-items', 'minItems'],
  ['min-properties', 'minProperties'],
  ['min', 'minimum'],
  ['exclusive-min', 'exclusiveMinimum'],
  ['min-contains', 'minContains'],
]) {
  add(
    `${name}-set`,
    B,
    N,
    `A new ${what} rejects requests that were accepted; in responses it only narrows what clients receive.`,
  );
  add(
    `${name}-unset`,
    A,
    B,
    `Dropping ${what} accepts more requests; responses may now fall below the bound clients relied on.`,
  );
  add(
    `${name}-increased`,
    B,
    N,
    `A larger ${what} rejects requests that were valid; responses stay within the old bound.`,
  );
  add(
    `${name}-decreased`,
    A,
    B,
    `A smaller ${what} accepts more requests; responses may now fall below the old bound.`,
  );
}
add('pattern-added', B, N, 'A new pattern rejects request values that were accepted.');
add(
  'pattern-removed',
  A,
  N,
  'Without the pattern requests accept more; in responses a pattern is a validation hint (as oasdiff).',
);
add(
  'pattern-changed',
  B,
  N,
  'A different pattern may reject old request values (oasdiff: possibly breaking); in responses it is a hint.',
);
add('pattern-generalized', A, N, 'The new pattern accepts any string: nothing that was valid is rejected.');
add('format-added', B, N, 'A new format rejects request values that were accepted.');
add('format-removed', A, B, 'Without the format, responses may carry values clients parse differently.');
add('format-changed', B, B, 'A different format changes which values are valid in both directions.');
add('unique-items-set', B, N, 'Duplicates that were accepted are now rejected.');
add('unique-items-unset', A, B, 'Responses may now contain duplicates clients did not expect.');
add('content-media-type-changed', B, B, 'The encoded content changes its media type.');
add('content-encoding-changed', B, B, 'The content encoding changes, so old encoders/decoders fail.');
add('type-changed', B, B, 'A different type is incompatible in both directions.');
add(
  'type-generalized',
  A,
  B,
  'A wider type (e.g. integer→number) accepts more requests but may produce values clients cannot read.',
);
add(
  'type-specialized',
  B,
  N,
  'A narrower type (e.g. number→integer) rejects request values that were valid.',
);
add(
  'list-of-types-widened',
  A,
  B,
  'More allowed types: requests accept more, responses may carry types clients do not handle.',
);
add('list-of-types-narrowed', B, N, 'Fewer allowed types: requests reject values that were valid.');
add(
  'became-nullable',
  A,
  B,
  'null is now allowed: requests accept more, responses may carry null to clients that do not expect it.',
);
add('became-not-nullable', B, N, 'null is no longer allowed: requests that sent null are rejected.');
add('became-enum', B, N, 'A free value became an enumeration: requests outside it are rejected.', 'enums');
add('enum-removed', A, B, 'The enumeration was dropped: responses may carry any value.', 'enums');
add(
  'enum-value-added',
  A,
  B,
  'A new enum value: requests accept more; clients may receive a value they do not handle.',
  'enums',
);
add('enum-value-removed', B, N, 'An enum value was removed: requests using it are rejected.', 'enums');
add(
  'x-extensible-enum-value-added',
  A,
  N,
  'Extensible enums promise that clients tolerate new values.',
  'enums',
);
add(
  'x-extensible-enum-value-removed',
  B,
  N,
  'A removed extensible-enum value is rejected in requests.',
  'enums',
);
add('const-added', B, N, 'A const rejects every other request value.', 'enums');
add('const-removed', A, B, 'Without the const, responses may carry other values.', 'enums');
add('const-changed', B, B, 'A different const value is incompatible in both directions.', 'enums');
add('default-value-added', N, N, 'A documented default for a value the server already chose.');
add('default-value-removed', B, N, 'Callers that omitted the value now get undefined server behaviour.');
add('default-value-changed', B, N, 'Callers that omitted the value now get a different behaviour.');
add('discriminator-added', N, N, 'A discriminator documents how alternatives are told apart.');
add('discriminator-removed', N, N, 'Alternatives are still valid; only their documented dispatch is gone.');
add(
  'discriminator-property-name-changed',
  B,
  B,
  'Clients and servers dispatch on the discriminator property.',
);
add(
  'discriminator-mapping-added',
  A,
  B,
  'A new discriminator value: clients may receive a variant they do not handle.',
);
add('discriminator-mapping-deleted', B, N, 'A discriminator value is no longer accepted.');
add(
  'discriminator-mapping-changed',
  N,
  N,
  'A discriminator value names a different schema; the alternatives themselves are compared through oneOf/anyOf.',
);
add(
  'one-of-added',
  A,
  B,
  'A new alternative: requests accept more, responses may carry a shape clients do not handle.',
);
add('one-of-removed', B, N, 'An alternative was removed: requests using it are rejected.');
add(
  'any-of-added',
  A,
  B,
  'A new alternative: requests accept more, responses may carry a shape clients do not handle.',
);
add('any-of-removed', B, N, 'An alternative was removed: requests using it are rejected.');
add('all-of-added', B, N, 'A new allOf member adds constraints every request must meet.');
add(
  'all-of-removed',
  B,
  B,
  'A removed allOf member changes the composed shape (oasdiff: possibly breaking).',
);
add(
  'all-of-added-annotation-only',
  N,
  N,
  'An annotation-only subschema accepts every instance (JSON Schema 2020-12 §7.7).',
);
add(
  'all-of-removed-annotation-only',
  N,
  N,
  'An annotation-only subschema accepts every instance (JSON Schema 2020-12 §7.7).',
);
add(
  'wrapped-in-one-of',
  B,
  B,
  'The schema became a oneOf of alternatives: exactly-one matching changes validity in both directions.',
);
add('not-added', B, N, 'A new `not` rejects request values that were accepted.');
add('not-removed', A, B, 'Without `not`, responses may carry values that were excluded.');
for (const [name, what] of [
  ['if', 'if'],
  ['then', 'then'],
  ['else', 'else'],
  ['contains', 'contains'],
  ['property-names', 'propertyNames'],
  ['unevaluated-items', 'unevaluatedItems'],
  ['unevaluated-properties', 'unevaluatedProperties'],
  ['dependent-schema', 'dependentSchemas'],
  ['pattern-property', 'patternProperties'],
  ['dependent-required', 'dependentRequired'],
  ['content-schema', 'contentSchema'],
]) {
  add(`${name}-added`, B, N, `A new ${what} adds a constraint requests must meet.`);
  add(`${name}-removed`, A, B, `Without ${what}, responses lose a guarantee clients relied on.`);
  // Keyed keywords compare their sub-schemas as children; only boolean/array ones change in place.
  if (name !== 'dependent-schema' && name !== 'pattern-property') {
    add(`${name}-changed`, B, B, `A different ${what} changes validity in both directions.`);
  }
}
add('not-changed', B, B, 'A different boolean `not` changes validity in both directions.');
add(
  'prefix-items-added',
  A,
  B,
  'A new prefixItems entry (oasdiff: informational for requests, breaking for responses).',
);
add('prefix-items-removed', B, N, 'A removed prefixItems entry (oasdiff: breaking for requests).');
add(
  'additional-properties-restricted',
  B,
  N,
  'additionalProperties: false rejects requests with extra members.',
);
add('additional-properties-allowed', A, B, 'Responses may now carry members clients did not expect.');
add('deprecated', N, N, 'Deprecation announces a future removal; nothing changes yet.', 'lifecycle');
add(
  'deprecated-with-sunset',
  N,
  N,
  'Deprecation with a sunset date announces a planned removal.',
  'lifecycle',
);
add(
  'deprecated-sunset-invalid',
  B,
  B,
  'The x-sunset date cannot be parsed, so the removal date is unknown.',
  'lifecycle',
);
add('reactivated', N, N, 'The element is no longer deprecated.', 'lifecycle');
add(
  'stability-decreased',
  B,
  B,
  'A lower x-stability-level withdraws the stability promise clients relied on.',
  'lifecycle',
);
add('stability-increased', N, N, 'A higher x-stability-level strengthens the promise.', 'lifecycle');

export const SCHEMA_CHANGES: ReadonlyMap<string, SchemaChangeSpec> = new Map(rows.map((r) => [r.change, r]));

/** oasdiff ids that do not follow `<scope>-<change>`. */
/** Where oasdiff judges a parameter differently from a body (parameter defaults change server behaviour: ERR). */
export const CLASS_OVERRIDES: Readonly<Record<string, ChangeClass>> = {
  'request-parameter-default-value-added': 'breaking',
};

export const RENAMES: Readonly<Record<string, string>> = {
  'response-body-enum-value-removed': 'response-mediatype-enum-value-removed',
};

export const REQUEST_SCOPES = [
  'request-body',
  'request-property',
  'request-parameter',
  'request-parameter-property',
  'request-header-property',
] as const;
export const RESPONSE_SCOPES = [
  'response-body',
  'response-property',
  'response-header',
  'response-header-property',
] as const;

export function schemaRuleId(scope: string, change: string): string {
  const id = `${scope}-${change}`;
  return RENAMES[id] ?? id;
}
