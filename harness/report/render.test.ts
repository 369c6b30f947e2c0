import { describe, expect, it } from 'vitest';
import { renderReport } from './render.js';
import { jsonReport } from './render-json.js';
import { ghData, ghProp } from './render-github.js';
import type { Finding, Report } from './types.js';

function report(findings: Finding[], pass = findings.every((f) => f.level !== 'error')): Report {
  return {
    command: 'check-openapi',
    title: 'test report',
    pass,
    body: { verdict: pass ? 'non-breaking' : 'breaking', changes: findings.map((f) => ({ id: f.id })) },
    findings,
    timings: { totalMs: 12.5 },
  };
}

const breaking: Finding = {
  id: 'response-property-removed',
  level: 'error',
  class: 'breaking',
  path: '/v1/proofs',
  method: 'get',
  pointer: '/paths/~1v1~1proofs/get/responses/200',
  message: 'removed "a,b:c" <x> & 100%\nline two',
};

describe('report rendering', () => {
  it('json digest ignores timings and --deterministic drops them', () => {
    const a = jsonReport(report([breaking]));
    const b = jsonReport({ ...report([breaking]), timings: { totalMs: 99 } }, { deterministic: true });
    expect(a.digest).toBe(b.digest);
    expect(a.timings).toEqual({ totalMs: 12.5 });
    expect('timings' in b).toBe(false);
    expect(a.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('json is byte-identical across runs', () => {
    expect(renderReport(report([breaking]), 'json', { deterministic: true })).toBe(
      renderReport(report([breaking]), 'json', { deterministic: true }),
    );
  });

  it('github escapes data and properties and caps error annotations at 10, the summary included', () => {
    expect(ghData('a%b\r\nc')).toBe('a%25b%0D%0Ac');
    expect(ghProp('a:b,c')).toBe('a%3Ab%2Cc');
    const out = renderReport(report(Array.from({ length: 13 }, () => breaking)), 'github');
    const errors = out.split('\n').filter((l) => l.startsWith('::error '));
    expect(errors).toHaveLength(10); // 9 annotations + the summary: GitHub drops the 11th
    expect(out).toContain('4 more errors not annotated');
    expect(out).not.toMatch(/\n[^:]/); // every line is a workflow command: newlines were escaped
  });

  it('junit escapes XML and counts failures', () => {
    const out = renderReport(report([breaking]), 'junit');
    expect(out).toContain('failures="1"');
    expect(out).toContain('&quot;a,b:c&quot; &lt;x&gt; &amp; 100%');
    expect(out).not.toContain('<x>');
  });

  it('sarif is 2.1.0 with rule ids as rule ids', () => {
    const sarif = JSON.parse(renderReport(report([breaking]), 'sarif')) as {
      version: string;
      runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; level: string }[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]?.tool.driver.rules.map((r) => r.id)).toEqual(['response-property-removed']);
    expect(sarif.runs[0]?.results[0]).toMatchObject({ ruleId: 'response-property-removed', level: 'error' });
  });

  it.each([
    ['text', 'GET /v1/proofs'],
    ['markdown', '| ❌ | `response-property-removed` |'],
  ] as const)('%s groups by operation', (format, want) => {
    const out = renderReport(report([breaking]), format);
    expect(out).toContain(want);
    expect(out).toMatch(/FAIL/);
  });
});
