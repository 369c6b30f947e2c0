/** What `proofgate init` found, for the config it writes. */
export interface InitFindings {
  spec: string;
  otherSpecs: readonly string[];
  /** Frozen contract folder (relative). */
  contractDir: string;
  /** Proof suites found (`*.proof.{ts,mts,js,mjs}`, relative). */
  proofSuites: readonly string[];
  typescript: boolean;
}

/** The glob init gives the proof runner when it found proof suites. */
export const PROOF_SUITE_GLOB = '*.proof.{ts,mts,js,mjs}';

/** A stage init switched off, with the TODO that says what turns it on. */
const off = (id: string, todo: string) =>
  `      // TODO: ${todo}\n      ${/^[a-z]+$/.test(id) ? id : `'${id}'`}: { notApplicable: 'not configured yet (proofgate init)' },\n`;

/**
 * The team's proofgate config: what init found, and each stage that needs something init cannot
 * know (a running service, a ledger, an env file, proof suites) switched off with a TODO saying
 * what to give it. Such a stage is reported as not applicable with that reason, never as passed.
 */
export function renderConfig(f: InitFindings): string {
  // defineConfig types the object in .ts and (through JSDoc) in .mjs alike.
  const header = `// proofgate.config${f.typescript ? '.ts' : '.mjs'}: written by \`proofgate init\`; every path is relative to this file.\n// Reference: node_modules/proofgate/docs/use-in-your-repository.md\nimport { defineConfig } from 'proofgate';\n\n`;
  const others = f.otherSpecs.length
    ? `    // TODO: init also found ${f.otherSpecs.join(', ')}; freeze those too if they are public APIs.\n`
    : '';
  const runner = f.proofSuites.length
    ? `
  // proof-runner: your proof suites (vitest files that import 'proofgate/vitest'), shuffled, run twice.
  // init found ${f.proofSuites.join(', ')}. TODO: map suites to the changes that need them (selection.suites).
  runner: { always: ['${PROOF_SUITE_GLOB}'] },
`
    : '';
  const stages = [
    off(
      'conformance',
      'give conformance your app factory (conformance.app) or conformance.baseUrl, then remove this.',
    ),
    off('rails', 'the property rails run through the same app factory (conformance.app), then remove this.'),
    off(
      'rehearse',
      'configure the upgrade rehearsal (rehearsal.base / .candidate, migrations.lock) if you have a database.',
    ),
    off(
      'verify-proofs',
      "point verify-proofs at your signed ledger (proofs.bundle, or args: ['--database-url', …]) if you keep one.",
    ),
    off('release-check', 'set release.envFile to the environment your release starts with.'),
    ...(f.proofSuites.length
      ? []
      : [
          off(
            'proof-runner',
            `write proof suites (${PROOF_SUITE_GLOB} files that import 'proofgate/vitest') and list them in runner.always.`,
          ),
        ]),
  ].join('');
  const body = `{
  // check-openapi: the candidate spec against the frozen contract (proofgate init froze it).
  openapi: {
    base: '${f.contractDir}/openapi.yaml',
    candidate: '${f.spec}',
${others}  },
  freeze: { spec: '${f.spec}', dir: '${f.contractDir}' },
${runner}
  // release-class (prod-gate --from REF): every release needs a changelog entry and a rollback plan.
  releaseClass: { changelog: 'CHANGELOG.md', rollbackPlans: ['docs/rollback.md', 'ROLLBACK.md'] },

  // prod-gate: the release folder, the Operations Changelog, and the stages this repository cannot run yet.
  gate: {
    outDir: 'proofgate-release',
    changelog: 'OPERATIONS_CHANGELOG.md',
    stages: {
${stages}    },
  },
}`;
  return `${header}export default defineConfig(${body});\n`;
}
