/** What `proofgate init` found, for the config it writes. */
export interface InitFindings {
  spec: string;
  otherSpecs: readonly string[];
  /** Frozen contract folder (relative). */
  contractDir: string;
  typescript: boolean;
}

/**
 * The team's proofgate config: what init found, and each stage that needs something init cannot
 * know (a running service, a ledger, an env file) switched off with a TODO saying what to give it.
 * A skipped stage is listed as skipped in every report, never as passed.
 */
export function renderConfig(f: InitFindings): string {
  // defineConfig types the object in .ts and (through JSDoc) in .mjs alike.
  const header = `// proofgate.config${f.typescript ? '.ts' : '.mjs'}: written by \`proofgate init\`; every path is relative to this file.\nimport { defineConfig } from 'proofgate';\n\n`;
  const others = f.otherSpecs.length
    ? `    // TODO: init also found ${f.otherSpecs.join(', ')}; freeze those too if they are public APIs.\n`
    : '';
  const body = `{
  // check-openapi: the candidate spec against the frozen contract (proofgate freeze wrote it).
  openapi: {
    base: '${f.contractDir}/openapi.yaml',
    candidate: '${f.spec}',
${others}  },
  freeze: { spec: '${f.spec}', dir: '${f.contractDir}' },

  // prod-gate: the release folder, the Operations Changelog, and stages this repository cannot run yet.
  gate: {
    outDir: 'proofgate-release',
    changelog: 'OPERATIONS_CHANGELOG.md',
    stages: {
      // TODO: give conformance and rails your app factory (conformance.app) or a --base-url, then remove these.
      conformance: { skip: true },
      rails: { skip: true },
      // TODO: point verify-proofs at your ledger (proofs.bundle, or args: ['--database-url', …]).
      'verify-proofs': { skip: true },
      // TODO: configure the upgrade rehearsal (args: ['--base', …, '--candidate', …, '--lock', …]).
      rehearse: { skip: true },
      // TODO: set release.envFile to the environment your release starts with.
      'release-check': { skip: true },
    },
  },
}`;
  return `${header}export default defineConfig(${body});\n`;
}
