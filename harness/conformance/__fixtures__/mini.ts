import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Json } from '../types.js';

export const MINI_SPEC_FILE = fileURLToPath(new URL('./mini.openapi.yaml', import.meta.url));

export function miniDoc(): Json {
  return parse(readFileSync(MINI_SPEC_FILE, 'utf8')) as Json;
}
