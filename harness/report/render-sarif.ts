import type { Finding, Report, RuleText } from './types.js';

const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** A finding's file as a SARIF artifact URI: relative to the repository root, forward slashes. */
function uriOf(file: string): string {
  return file.split('\\').join('/').replace(/^\.\//, '');
}

function ruleText(report: Report, id: string): Required<Pick<RuleText, 'description' | 'help'>> & RuleText {
  const r = report.rules?.[id];
  const doc = r?.doc ?? `docs/${report.command}.md`;
  return {
    description: r?.description ?? `proofgate ${report.command} finding \`${id}\`.`,
    help: r?.help ?? `See ${doc} in the proofgate package for what \`${id}\` means and how to fix it.`,
    doc,
  };
}

/**
 * SARIF 2.1.0 (OASIS), shaped for GitHub code scanning: every rule has `shortDescription`,
 * `fullDescription` and `help`; every result has a `physicalLocation` (the finding's file, or the
 * report's artifact) with a region where the line is known, plus logical locations.
 */
export function renderSarif(report: Report, version: string): string {
  const ids = [...new Set(report.findings.map((f) => f.id))].sort();
  const rules = ids.map((id) => {
    const t = ruleText(report, id);
    const level = report.findings.find((f) => f.id === id)?.level ?? 'info';
    return {
      id,
      shortDescription: { text: id.replace(/-/g, ' ') },
      fullDescription: { text: t.description },
      help: { text: t.help, markdown: `${t.help}\n\nRule id: \`${id}\`.` },
      defaultConfiguration: { level: SARIF_LEVEL[level] },
      properties: { tags: ['proofgate', report.command] },
    };
  });
  const results = report.findings.map((f) => ({
    ruleId: f.id,
    ruleIndex: ids.indexOf(f.id),
    level: SARIF_LEVEL[f.level],
    message: { text: f.message },
    ...(f.class !== undefined ? { properties: { class: f.class } } : {}),
    locations: [location(f, report.artifact)],
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
            semanticVersion: version,
            informationUri: 'https://www.npmjs.com/package/proofgate',
            rules,
          },
        },
        automationDetails: { id: `proofgate/${report.command}/` },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

function location(f: Finding, artifact: string | undefined): Record<string, unknown> {
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
  const file = f.file ?? artifact;
  if (file !== undefined) {
    out.physicalLocation = {
      artifactLocation: { uri: uriOf(file), uriBaseId: '%SRCROOT%' },
      region: { startLine: f.line ?? 1, ...(f.column !== undefined ? { startColumn: f.column } : {}) },
    };
  }
  if (logical.length) out.logicalLocations = logical;
  if (f.pointer !== undefined) out.properties = { pointer: f.pointer };
  return out;
}
