import type { ErrorObject } from 'ajv';
import { ConfigError } from '../errors/index.js';
import { parsePointer } from '../openapi/json-pointer.js';
import * as compiled from './generated/sections.validate.js';
import { REFINE } from './refine.js';
import type { ProofgateConfig } from './schema/index.js';
import { didYouMean } from './suggest.js';

// One strict schema (harness/config/schema, TypeBox → JSON Schema), compiled ahead of time with
// ajv (generated/sections.validate.ts, see validators-source.ts): unknown keys are errors (a typo
// must never switch a check off), nothing is coerced or defaulted.

/** An ajv standalone validator: true or false, with the errors of the last call on `errors`. */
type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
const VALIDATORS: Readonly<Record<string, Validator>> = compiled.VALIDATORS;

/** The validator of a section key (or of the contract's x-proofgate-conventions extension). */
function validatorOf(key: string): Validator {
  if (!Object.hasOwn(VALIDATORS, key)) throw new Error(`no compiled validator for config section ${key}`);
  return VALIDATORS[key] as Validator;
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

/** `gate.stages['verify-proof']`, `selection.suites[0].name`: the JSON path of a config value. */
export function configPath(base: string, segments: readonly string[]): string {
  let out = base;
  for (const s of segments) {
    if (/^(0|[1-9][0-9]*)$/.test(s)) out += `[${s}]`;
    else if (IDENT.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s).replace(/^"|"$/g, "'")}]`;
  }
  return out;
}

type Schema = Record<string, unknown>;

/** Plain words for a schema: "a whole number >= 1", "a list of strings", "\"all\" or \"fail\"". */
export function describe(schema: Schema | undefined): string {
  if (schema === undefined) return 'valid';
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as Schema[]).map(describe).join(' or ');
  if ('const' in schema) return JSON.stringify(schema.const);
  switch (schema.type) {
    case 'integer':
      return typeof schema.minimum === 'number' ? `a whole number >= ${schema.minimum}` : 'a whole number';
    case 'number':
      return 'a number';
    case 'string':
      if (schema.format === 'regex') return 'a regular expression';
      if (typeof schema.pattern === 'string') return `a string matching /${schema.pattern}/`;
      return schema.minLength === 1 ? 'a non-empty string' : 'a string';
    case 'boolean':
      return 'true or false';
    case 'array': {
      const items = schema.items as Schema;
      if (Array.isArray(items?.anyOf)) return `a list of values from ${describe(items)}`;
      return `a list of ${describe(items).replace(/^an? /, '')}s`.replace(/ss$/, 's');
    }
    case 'object':
      return 'an object';
    default:
      return 'valid';
  }
}

function message(e: ErrorObject, data: unknown): string {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const known = Object.keys((e.parentSchema?.properties as Schema | undefined) ?? {});
      return `unknown key${didYouMean(String(params.additionalProperty), known)}`;
    }
    case 'required':
      return `${String(params.missingProperty)} is required`;
    case 'type':
    case 'anyOf':
    case 'const':
    case 'minimum':
      return `must be ${describe(e.parentSchema as Schema)}`;
    case 'minLength':
      return 'must not be empty';
    case 'minItems':
      return `must list at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}`;
    case 'uniqueItems':
      return `must not repeat a value (items ${String(params.j)} and ${String(params.i)} are equal)`;
    case 'format':
      if (params.format === 'regex') {
        try {
          new RegExp(String(data));
        } catch (err) {
          return `is not a valid regular expression: ${(err as Error).message}`;
        }
        return 'is not a valid regular expression';
      }
      return `must be a ${String(params.format)}`;
    case 'pattern':
      return `must match ${String(params.pattern)}`;
    default:
      return e.message ?? `fails ${e.keyword}`;
  }
}

function valueAt(root: unknown, segments: readonly string[]): unknown {
  let v = root;
  for (const s of segments)
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[s] : undefined;
  return v;
}

/** Problems with the value of section `key`, as lines `path: message` (empty when valid). */
export function sectionProblems(key: string, value: unknown): string[] {
  const validate = validatorOf(key);
  if (validate(value)) {
    return (REFINE[key]?.(value as never) ?? []).map(
      ([rel, msg]) => `${configPath(key, rel === '' ? [] : rel.split(/\.|\[|\]/).filter(Boolean))}: ${msg}`,
    );
  }
  const errors = validate.errors ?? [];
  // An anyOf speaks for its branches: keep its one message, drop theirs.
  const anyOf = errors.filter((e) => e.keyword === 'anyOf');
  const kept = errors.filter(
    (e) => !anyOf.some((a) => a !== e && e.schemaPath.startsWith(`${a.schemaPath}/`)),
  );
  const lines = kept.map((e) => {
    const segs = parsePointer(e.instancePath);
    const at =
      e.keyword === 'additionalProperties'
        ? [...segs, String((e.params as { additionalProperty: string }).additionalProperty)]
        : segs;
    return `${configPath(key, at)}: ${message(e, valueAt(value, segs))}`;
  });
  return [...new Set(lines)];
}

function fail(file: string | undefined, problems: string[]): never {
  const where = file === undefined ? 'config' : `config ${file}`;
  const text =
    problems.length === 1
      ? `${where}: ${problems[0]}`
      : `${where}:\n${problems.map((p) => `  - ${p}`).join('\n')}`;
  throw new ConfigError(text, { hint: 'see docs/configuration.md for every key' });
}

/** Validates a whole config object against the schema; throws one ConfigError listing every problem. */
export function validateConfig(config: unknown, file?: string): ProofgateConfig {
  if (config === null || typeof config !== 'object' || Array.isArray(config))
    fail(file, ['the config must be an object (export default defineConfig({...}))']);
  const known: readonly string[] = compiled.SECTION_KEYS;
  const problems: string[] = [];
  for (const key of Object.keys(config)) {
    if (!known.includes(key))
      problems.push(`${configPath('', [key])}: unknown section${didYouMean(key, known)}`);
  }
  for (const key of known) {
    const value = (config as Record<string, unknown>)[key];
    if (value !== undefined) problems.push(...sectionProblems(key, value));
  }
  if (problems.length > 0) fail(file, problems);
  return config as ProofgateConfig;
}

/** One validated section (an absent one is `{}`), for library callers that did not go through loadConfig. */
export function readSection<T>(config: object, key: string): T {
  if (!(compiled.SECTION_KEYS as readonly string[]).includes(key))
    throw new Error(`no config section ${key}`);
  const value = (config as Record<string, unknown>)[key];
  if (value === undefined) return {} as T;
  const problems = sectionProblems(key, value);
  if (problems.length > 0) fail(undefined, problems);
  return value as T;
}
