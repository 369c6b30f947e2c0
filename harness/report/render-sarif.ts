import type { Finding, Report } from './types.js';

const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** SARIF 2.1.0 (OASIS): one rule per distinct finding id, one result per finding. */
export function renderSarif(report: Report, version: string): string {
  const ids = [...new Set(report.findings.map((f) => f.id))].sort();
  const rules = ids.map((id) => ({ id, name: id, shortDescription: { text: id.replace(/-/g, ' ') } }));
  const results = report.findings.map((f) => ({
    ruleId: f.id,
    ruleIndex: ids.indexOf(f.id),
    level: SARIF_LEVEL[f.level],
    message: { text: f.message },
    ...(f.class !== undefined ? { properties: { class: f.class } } : {}),
    locations: [location(f)],
  }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'proofgate',
            version,
            informationUri: 'https://www.npmjs.com/package/proofgate',
            rules,
          },
        },
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

function location(f: Finding): Record<string, unknown> {
  const logical: Record<string, unknown>[] = [];
  if (f.path !== undefined) {
    logical.push({
      name: f.path,
      fullyQualifiedName: `${f.method?.toUpperCase() ?? ''} ${f.path}`.trim(),
      kind: 'resource',
    });
  }
  if (f.seq !== undefined) logical.push({ name: `seq ${f.seq}`, kind: 'record' });
  const out: Record<string, unknown> = {};
  if (f.file !== undefined) {
    out.physicalLocation = { artifactLocation: { uri: f.file } };
  }
  if (logical.length) out.logicalLocations = logical;
  if (f.pointer !== undefined) out.properties = { pointer: f.pointer };
  return out;
}
