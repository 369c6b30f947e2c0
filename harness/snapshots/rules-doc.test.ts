import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { packagePath } from '../paths.js';
import { RULES } from './index.js';
import { renderRulesDoc } from './rules-doc.js';

const DOC = packagePath('docs', 'check-openapi-rules.md');

describe('docs/check-openapi-rules.md', () => {
  it('is generated from RULES and up to date', async () => {
    // Formatted like the rest of the repo, so `prettier --check .` and this test agree.
    const want = await format(renderRulesDoc(), { ...(await resolveConfig(DOC)), parser: 'markdown' });
    if (process.env['PROOFGATE_UPDATE_DOCS'] === '1') writeFileSync(DOC, want);
    expect(
      existsSync(DOC),
      `${DOC} missing: run PROOFGATE_UPDATE_DOCS=1 npx vitest run harness/snapshots/rules-doc.test.ts`,
    ).toBe(true);
    expect(readFileSync(DOC, 'utf8')).toBe(want);
  });

  it('every rule has a kebab-case id, a class and a rationale', () => {
    for (const r of RULES) {
      expect(r.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(['breaking', 'additive', 'non-breaking']).toContain(r.class);
      expect(r.rationale.length).toBeGreaterThan(5);
    }
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  });
});
