#!/usr/bin/env node
// Writes the precompiled config validators (ajv standalone code) to
// harness/config/generated/sections.validate.ts. Run after changing a schema in
// harness/config/schema or upgrading ajv: `npm run build && node scripts/generate-config-validators.mjs`.
// harness/config/generated.test.ts fails while the committed file differs from this output.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const { configValidatorsSource } = await import(
  join(root, 'dist', 'harness', 'config', 'validators-source.js')
);
const file = join(root, 'harness', 'config', 'generated', 'sections.validate.ts');
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, configValidatorsSource());
process.stdout.write(`wrote ${file}\n`);
