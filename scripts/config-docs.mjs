// Regenerates docs/configuration.md from the config schema (run `npm run build` first);
// harness/config/config-docs.test.ts fails while the page and the schema disagree.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { renderConfigDocs } from '../dist/harness/config/render-docs.js';

const file = fileURLToPath(new URL('../docs/configuration.md', import.meta.url));
const options = { ...(await prettier.resolveConfig(file)), filepath: file };
writeFileSync(file, await prettier.format(renderConfigDocs(), options));
