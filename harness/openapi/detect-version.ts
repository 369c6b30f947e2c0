import { InputError } from '../errors/index.js';
import type { OpenApiVersion } from './types.js';

/** OAS 3.0.x / 3.1.x only (OAS 3.1 §4.1 `openapi` field); Swagger 2.0 and others are refused. */
export function detectVersion(doc: unknown, file: string): OpenApiVersion {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new InputError(
      'ERR_SPEC_INVALID',
      `not an OpenAPI document: the top level is ${doc === null || doc === undefined ? 'empty' : Array.isArray(doc) ? 'a list' : `a ${typeof doc}`}, not a mapping`,
      { file, pointer: '' },
    );
  }
  const d = doc as Record<string, unknown>;
  if (Object.hasOwn(d, 'swagger')) {
    throw new InputError(
      'ERR_SPEC_UNSUPPORTED',
      `Swagger ${String(d.swagger)} is not supported; proofgate reads OpenAPI 3.0 and 3.1`,
      {
        file,
        pointer: '/swagger',
        hint: 'convert it first: npx swagger2openapi spec.yaml --outfile openapi.yaml',
      },
    );
  }
  if (!Object.hasOwn(d, 'openapi')) {
    throw new InputError('ERR_SPEC_INVALID', 'not an OpenAPI document: there is no `openapi` version field', {
      file,
      pointer: '',
    });
  }
  const v = d.openapi;
  if (typeof v !== 'string') {
    throw new InputError(
      'ERR_SPEC_INVALID',
      `\`openapi\` must be a version string such as "3.1.0", not ${JSON.stringify(v)}`,
      {
        file,
        pointer: '/openapi',
        hint: 'quote the version in YAML: openapi: "3.0.3"',
      },
    );
  }
  let version: OpenApiVersion;
  if (/^3\.0\.\d+(-[0-9A-Za-z.-]+)?$/.test(v)) version = '3.0';
  else if (/^3\.1\.\d+(-[0-9A-Za-z.-]+)?$/.test(v)) version = '3.1';
  else if (/^\d+\.\d+(\.\d+)?/.test(v)) {
    throw new InputError(
      'ERR_SPEC_UNSUPPORTED',
      `OpenAPI ${v} is not supported; proofgate reads OpenAPI 3.0.x and 3.1.x`,
      {
        file,
        pointer: '/openapi',
        ...(v.startsWith('2')
          ? { hint: 'convert it first: npx swagger2openapi spec.yaml --outfile openapi.yaml' }
          : {}),
      },
    );
  } else {
    throw new InputError('ERR_SPEC_INVALID', `\`openapi\` is not a version number: ${JSON.stringify(v)}`, {
      file,
      pointer: '/openapi',
    });
  }
  requireObject(d, 'info', file, true);
  // OAS 3.0 §4.7.2: `paths` is required; OAS 3.1 §4.8.1: one of paths, components, webhooks.
  requireObject(d, 'paths', file, version === '3.0');
  requireObject(d, 'components', file, false);
  requireObject(d, 'webhooks', file, false);
  if (version === '3.1' && !['paths', 'components', 'webhooks'].some((k) => Object.hasOwn(d, k))) {
    throw new InputError(
      'ERR_SPEC_INVALID',
      'an OpenAPI 3.1 document needs at least one of paths, components or webhooks',
      {
        file,
        pointer: '',
      },
    );
  }
  return version;
}

function requireObject(d: Record<string, unknown>, key: string, file: string, required: boolean): void {
  if (!Object.hasOwn(d, key)) {
    if (required) {
      throw new InputError('ERR_SPEC_INVALID', `the required field \`${key}\` is missing`, {
        file,
        pointer: '',
      });
    }
    return;
  }
  const v = d[key];
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new InputError('ERR_SPEC_INVALID', `\`${key}\` must be a mapping`, { file, pointer: `/${key}` });
  }
}
