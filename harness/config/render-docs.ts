import { CONFIG_SECTIONS } from './schema/index.js';
import { describe } from './validate-config.js';

type Schema = Record<string, unknown>;

/** An object whose keys are a fixed list sharing one value schema (stage ids, environments…). */
function keyedValue(schema: Schema): Schema | undefined {
  const props = Object.values((schema.properties as Record<string, Schema> | undefined) ?? {});
  if (props.length < 3) return undefined;
  const first = JSON.stringify(props[0]);
  return props.every((p) => JSON.stringify(p) === first) ? props[0] : undefined;
}

function rows(path: string, schema: Schema, out: string[][]): void {
  const type = describe(schema);
  const text = typeof schema.description === 'string' ? schema.description : '';
  const items = schema.items as Schema | undefined;
  if (schema.type === 'object' && schema.properties !== undefined) {
    const keyed = keyedValue(schema);
    if (keyed !== undefined) {
      const keys = Object.keys(schema.properties as object).map((k) => `\`${k}\``);
      out.push([path, type, `${text} Keys: ${keys.join(', ')}.`.trim()]);
      if (keyed.type === 'object' && keyed.properties !== undefined) {
        for (const [k, v] of Object.entries(keyed.properties as Record<string, Schema>))
          rows(`${path}.<key>.${k}`, v, out);
      } else out.push([`${path}.<key>`, describe(keyed), String(keyed.description ?? 'one per key above')]);
      return;
    }
    if (path !== '') out.push([path, type, text]);
    for (const [k, v] of Object.entries(schema.properties as Record<string, Schema>))
      rows(path === '' ? k : `${path}.${k}`, v, out);
    return;
  }
  if (schema.type === 'array' && items?.type === 'object') {
    out.push([path, 'a list of objects', text]);
    for (const [k, v] of Object.entries(items.properties as Record<string, Schema>))
      rows(`${path}[].${k}`, v, out);
    return;
  }
  out.push([path, type, text]);
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** docs/configuration.md, generated from the schema (harness/config/schema); a test keeps them equal. */
export function renderConfigDocs(): string {
  const parts = [
    '# Configuration reference',
    '',
    '<!-- Generated from harness/config/schema by `node scripts/config-docs.mjs`; do not edit by hand. -->',
    '',
    'proofgate reads `proofgate.config.ts`, `.mjs`, `.js` or `.json` from the working folder, or the file',
    'given with `--config`. Every section and key is optional; CLI flags override the config; paths are',
    'relative to the config file. The config is validated against one strict schema: an unknown key, a',
    'key given twice in JSON, or a value of the wrong type is an error (exit 2, `ERR_CONFIG`) that names',
    'its JSON path and, for a misspelling, the key you probably meant — a typo never switches a check off.',
    'A config module is user code run under guard: a throw, a `process.exit()` or a top-level await that',
    "never settles is also exit 2. Types: `import type { ProofgateConfig } from 'proofgate'`, or",
    '`export default defineConfig({ … })`.',
    '',
    'To add a key: edit its section file in `harness/config/schema/` (one file per section; a new section',
    'is one file plus one line in `schema/index.ts`; a check JSON Schema cannot state goes in',
    '`harness/config/refine.ts`), then regenerate this page and the compiled validators:',
    '`npm run build && node scripts/config-docs.mjs && node scripts/generate-config-validators.mjs`.',
    'The schema is compiled ahead of time (ajv standalone code in `harness/config/generated/`), so a',
    'command validates its config without loading TypeBox or ajv; a test fails while the committed',
    'validators differ from the schema.',
  ];
  for (const section of CONFIG_SECTIONS) {
    const out: string[][] = [];
    rows('', section.schema as unknown as Schema, out);
    parts.push('', `## \`${section.key}\``, '');
    const d = (section.schema as unknown as Schema).description;
    if (typeof d === 'string') parts.push(d, '');
    parts.push('| key | value | meaning |', '| --- | --- | --- |');
    for (const [k, t, m] of out)
      parts.push(`| \`${section.key}.${k}\` | ${cell(t ?? '')} | ${cell(m ?? '')} |`);
  }
  return `${parts.join('\n')}\n`;
}
