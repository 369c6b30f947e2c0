import type { ErrorObject } from 'ajv';
import { InputError } from '../errors/index.js';
import { newAjv, OAS_31_BASE_DIALECT, openApiSchema, SCHEMA_2020_12 } from './openapi-schemas.js';
import type { OpenApiDocument, OpenApiVersion } from './types.js';

type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

const compiled = new Map<string, Validate>();

/**
 * The validator for `version`. The common one (first error only, Schema Objects checked) is the
 * precompiled module under generated/; the others are compiled on first use, once per process.
 */
async function validator(
  version: OpenApiVersion,
  schemaObjects: boolean,
  allErrors = false,
): Promise<Validate> {
  const key = `${version}:${schemaObjects}:${allErrors}`;
  let validate = compiled.get(key);
  if (validate !== undefined) return validate;
  if (schemaObjects && !allErrors) {
    validate = (
      version === '3.0'
        ? await import('./generated/oas-3.0.validate.js')
        : await import('./generated/oas-3.1.validate.js')
    ).default as Validate;
  } else {
    validate = (await newAjv(version, allErrors)).compile(openApiSchema(version, schemaObjects)) as Validate;
  }
  compiled.set(key, validate);
  return validate;
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
  let pool = useful.length ? useful : errors;
  // Within one oneOf/anyOf, keep the branch that came closest: one whose errors are not an enum or
  // const mismatch (the branch the document meant: `in: path` → the path branch), then the fewest.
  const branchOf = (e: ErrorObject) => /^(.*\/(?:oneOf|anyOf))\/\d+\//.exec(e.schemaPath);
  const score = new Map<string, number>();
  for (const e of pool) {
    const m = branchOf(e);
    if (m !== null)
      score.set(m[0], (score.get(m[0]) ?? 0) + (e.keyword === 'enum' || e.keyword === 'const' ? 100 : 1));
  }
  const groupBest = new Map<string, number>();
  for (const [branch, n] of score) {
    const group = branch.replace(/\/\d+\/$/, '');
    groupBest.set(group, Math.min(groupBest.get(group) ?? Infinity, n));
  }
  const kept = pool.filter((e) => {
    const m = branchOf(e);
    return m === null || score.get(m[0]) === groupBest.get(m[1]!);
  });
  if (kept.length) pool = kept;
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

/** What an externally referenced fragment is, judged by where it is referenced from. */
export type FragmentKind = 'schema' | 'parameter' | 'response' | 'requestBody' | 'header';

const DEFINITIONS: Record<OpenApiVersion, Record<FragmentKind, string>> = {
  '3.0': {
    schema: 'Schema',
    parameter: 'Parameter',
    response: 'Response',
    requestBody: 'RequestBody',
    header: 'Header',
  },
  '3.1': {
    schema: 'schema',
    parameter: 'parameter',
    response: 'response',
    requestBody: 'request-body',
    header: 'header',
  },
};
const SCHEMA_KEYS = new Set([
  'schema',
  'items',
  'not',
  'additionalProperties',
  'additionalItems',
  'contains',
  'propertyNames',
  'if',
  'then',
  'else',
  'unevaluatedItems',
  'unevaluatedProperties',
]);
const SCHEMA_MAPS = new Set([
  'properties',
  'patternProperties',
  '$defs',
  'definitions',
  'dependentSchemas',
  'schemas',
]);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);

/** The kind of object a `$ref` at `segments` (its pointer, ending in `$ref`) stands for, if known. */
export function fragmentKind(segments: readonly string[]): FragmentKind | undefined {
  const parent = segments[segments.length - 2];
  const grand = segments[segments.length - 3];
  if (parent === undefined) return undefined;
  if (SCHEMA_KEYS.has(parent)) return 'schema';
  if (grand === undefined) return parent === 'requestBody' ? 'requestBody' : undefined;
  if (SCHEMA_MAPS.has(grand)) return 'schema';
  if (SCHEMA_LISTS.has(grand) && /^\d+$/.test(parent)) return 'schema';
  if (grand === 'parameters') return 'parameter';
  if (grand === 'responses') return 'response';
  if (parent === 'requestBody' || grand === 'requestBodies') return 'requestBody';
  if (grand === 'headers') return 'header';
  return undefined;
}

const fragmentValidators = new Map<string, Validate>();

/**
 * Validates a fragment of a file pulled in by `$ref` (bundled under an `x-` key, which the document
 * schema does not look into) as the kind of object it is referenced as.
 */
export async function validateFragment(
  value: unknown,
  version: OpenApiVersion,
  kind: FragmentKind,
  where: { file: string; pointer: string; from: string },
): Promise<void> {
  const key = `${version}:${kind}`;
  let validate = fragmentValidators.get(key);
  if (validate === undefined) {
    const ajv = await newAjv(version, true);
    const schema = openApiSchema(version, true);
    const id = (schema.$id ?? schema.id) as string;
    ajv.addSchema(schema, id);
    validate = ajv.compile({
      $ref: `${id}#/${version === '3.0' ? 'definitions' : '$defs'}/${DEFINITIONS[version][kind]}`,
    }) as Validate;
    fragmentValidators.set(key, validate);
  }
  if (validate(value)) return;
  const error = bestError(validate.errors ?? []);
  throw new InputError(
    'ERR_SPEC_INVALID',
    `not a valid OpenAPI ${version} ${kind === 'requestBody' ? 'request body' : kind} (referenced from ${where.from}): ${describe(error)}`,
    {
      file: where.file,
      pointer: where.pointer + (error?.instancePath ?? ''),
      hint: `fix the document so it validates against the official OpenAPI ${version} JSON Schema`,
    },
  );
}
