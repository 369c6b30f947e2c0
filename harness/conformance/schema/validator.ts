import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { canonicalJson } from '../../report/canonical-json.js';
import { bundleSchema, type Dialect } from './bundle-schema.js';
import type { Json } from '../types.js';

// OAS 3.0 schemas are a draft-04/07 dialect (ajv default draft-07, `nullable` normalized);
// OAS 3.1 schemas are JSON Schema 2020-12 (ajv/dist/2020). Validation never coerces types,
// never removes properties, and reports every error (allErrors).

const addFormats = addFormatsModule as unknown as (ajv: Ajv | Ajv2020) => void;

export interface SchemaError {
  pointer: string;
  message: string;
}

export class SchemaValidator {
  private readonly ajv: Ajv | Ajv2020;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(
    private readonly doc: Json,
    readonly dialect: Dialect,
  ) {
    const options = {
      strict: true,
      strictRequired: false,
      strictTypes: false,
      allowUnionTypes: true,
      coerceTypes: false,
      removeAdditional: false,
      useDefaults: false,
      allErrors: true,
      validateFormats: true,
    } as const;
    this.ajv = dialect === '3.1' ? new Ajv2020(options) : new Ajv(options);
    addFormats(this.ajv);
    // OAS annotation keywords that may remain inside schemas; they never constrain a value.
    for (const k of ['deprecated', 'readOnly', 'writeOnly', 'contentMediaType', 'contentEncoding']) {
      try {
        this.ajv.addKeyword(k);
      } catch {
        // already part of this draft's vocabulary
      }
    }
    this.ajv.addFormat('int32', {
      type: 'number',
      validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
    });
    this.ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
    this.ajv.addFormat('float', { type: 'number', validate: () => true });
    this.ajv.addFormat('double', { type: 'number', validate: () => true });
    this.ajv.addFormat('password', true);
    this.ajv.addFormat('byte', /^[A-Za-z0-9+/]*={0,2}$/);
    this.ajv.addFormat('binary', true);
  }

  /** The self-contained schema ajv compiles for `schema` (refs bundled, 3.0 normalized). */
  bundle(schema: unknown): Json {
    return bundleSchema(this.doc, schema, this.dialect);
  }

  validate(schema: unknown, value: unknown): SchemaError[] {
    const bundled = this.bundle(schema);
    const key = canonicalJson(bundled);
    let fn = this.cache.get(key);
    if (fn === undefined) {
      fn = this.ajv.compile(bundled);
      this.cache.set(key, fn);
    }
    if (fn(value)) return [];
    return (fn.errors ?? []).map(describe);
  }

  isValid(schema: unknown, value: unknown): boolean {
    return this.validate(schema, value).length === 0;
  }
}

function describe(e: ErrorObject): SchemaError {
  const extra =
    e.keyword === 'additionalProperties'
      ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})`
      : e.keyword === 'enum'
        ? ` (${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)})`
        : '';
  return {
    pointer: e.instancePath,
    message: `${e.instancePath || '(root)'} ${e.message ?? e.keyword}${extra}`,
  };
}
