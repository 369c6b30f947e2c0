import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Json } from '../types.js';

export const MINI_SPEC_FILE = fileURLToPath(new URL('./mini.openapi.yaml', import.meta.url));

export function miniDoc(): Json {
  return parse(readFileSync(MINI_SPEC_FILE, 'utf8')) as Json;
}

/** The same API as an OAS 3.0 document: `nullable` instead of type arrays. */
export function miniDoc30(): Json {
  const doc = miniDoc();
  doc.openapi = '3.0.3';
  const schemas = (doc.components as Json).schemas as Record<string, Json>;
  const page = schemas.NotePage!.properties as Record<string, Json>;
  page.nextCursor = { type: 'string', nullable: true };
  return doc;
}
