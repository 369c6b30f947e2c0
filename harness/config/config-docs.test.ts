import { readFileSync } from 'node:fs';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { GATE_STAGES } from '../gate/stages.js';
import { packagePath } from '../paths.js';
import { renderConfigDocs } from './render-docs.js';
import { CONFIG_SECTIONS } from './schema/index.js';

type Schema = { properties?: Record<string, Schema>; items?: Schema };

/** Every key path of a schema: `gate.stages.rehearse.args`, `selection.suites[].name`… */
function keyPaths(prefix: string, schema: Schema): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(schema.properties ?? {})) {
    out.push(`${prefix}.${k}`, ...keyPaths(`${prefix}.${k}`, v));
    if (v.items !== undefined) out.push(...keyPaths(`${prefix}.${k}[]`, v.items));
  }
  return out;
}

describe('docs/configuration.md', () => {
  const file = packagePath('docs', 'configuration.md');
  const text = readFileSync(file, 'utf8');

  it('is generated from the schema (regenerate: npm run build && node scripts/config-docs.mjs)', async () => {
    const options = { ...(await prettier.resolveConfig(file)), filepath: file };
    expect(text).toBe(await prettier.format(renderConfigDocs(), options));
  });

  it('names every key of every section', () => {
    const rows = new Set([...text.matchAll(/^\| `([^`]+)` +\|/gm)].map((m) => m[1]!));
    // Keyed objects (stage ids, environments, categories) are one `<key>` row listing the keys.
    const hasRow = (key: string) => [...rows].some((r) => r === key || r.startsWith(`${key}.`));
    const documented = (path: string): boolean => {
      if (rows.has(path)) return true;
      const segs = path.split('.');
      return segs.some(
        (seg, i) =>
          hasRow([...segs.slice(0, i), '<key>', ...segs.slice(i + 1)].join('.')) &&
          text.includes(`\`${seg}\``),
      );
    };
    const all = CONFIG_SECTIONS.flatMap((s) => keyPaths(s.key, s.schema as unknown as Schema));
    expect(all.length).toBeGreaterThan(40);
    expect(all.filter((p) => !documented(p))).toEqual([]);
  });
});

describe('gate stage ids', () => {
  it('the schema (gate/stage-ids.ts) lists exactly the stages the gate runs, in order', async () => {
    const { GATE_STAGE_IDS } = await import('../gate/stage-ids.js');
    expect([...GATE_STAGE_IDS]).toEqual(GATE_STAGES.map((s) => s.id));
  });
});
