// proofgate.config.mjs — the gate configuration of the bundled reference service; teams copy and adapt it. Every path is relative
// to this file. Every section is optional; CLI flags override it. Types: `ProofgateConfig`,
// `SelectionConfig`, `RunnerConfig`, `GateConfig`, `ReleaseClassConfig` from 'proofgate'.

/** @type {import('proofgate').ProofgateConfig} */
export default {
  // check-openapi / release-class: the candidate spec against the frozen contract.
  openapi: {
    base: 'contracts/v1/openapi.yaml',
    candidate: 'fixtures/service/openapi.yaml',
  },
  // freeze: the spec `proofgate freeze` freezes into contracts/v1.
  freeze: { spec: 'fixtures/service/openapi.yaml' },

  // verify-proofs: an offline bundle (or pass --database-url through gate.stages['verify-proofs'].args).
  proofs: { bundle: 'fixtures/history/small' },

  // release-check: the environment the release starts with, and where frozen contracts live
  // (a supported API version needs contracts/<version>/openapi.yaml).
  release: {
    envFile: 'fixtures/env/prod-good.env',
    contractsDir: 'contracts',
    // requiredSecrets: { prod: ['ANCHOR_NOTE_KEY'] }, // on top of DATABASE_URL, AUTH_TOKEN_SECRET
  },

  // Proof selection (the seed runbook): which suites a change needs. Docs-only, UI-only and
  // test-only changes need none; a schema change needs the migration proofs. proofgate's own
  // repository has no product proof suites (its tests run in CI with `npm test`), so none is
  // configured and the stable fixture suite below runs on every gate. A team lists its own, e.g.:
  //   suites: [
  //     { name: 'payment', match: 'payment', files: ['tests/proofs/payment*.proof.ts'] },
  //     { name: 'migrations', categories: ['schema'], files: ['tests/proofs/migration*.proof.ts'] },
  //   ],
  //   unmatched: 'all', // a change no rule covers: 'all' suites (default), 'fail' or 'none'

  // The proof runner: every selected suite runs at least twice, shuffled, with different seeds.
  runner: {
    runs: 2,
    // seeds: [20261121, 20261124],
    // Suites that run on every gate whatever changed (here: proofgate's own stable fixture suite).
    always: ['fixtures/proof-suites/stable.proof.ts'],
  },

  // Release class gates, checked from the repository between --from and --to.
  releaseClass: {
    changelog: 'CHANGELOG.md',
    rollbackPlans: ['docs/rollback.md', 'ROLLBACK.md'],
    // fixPattern: '^fix(\\(.+\\))?!?:',       // which commit subjects are fixes
    // migrationTestPattern: 'migrat',          // which changed test paths are migration tests
  },

  // prod-gate: release folder, Operations Changelog, base ref, per-stage arguments.
  gate: {
    outDir: 'proofgate-release',
    changelog: 'OPERATIONS_CHANGELOG.md',
    // from: 'origin/main',
    stages: {
      // Args are passed verbatim to the stage's command; relative paths resolve against the working folder.
      rehearse: {
        args: [
          '--base',
          'fixtures/releases/r1',
          '--candidate',
          'fixtures/releases/r2',
          '--lock',
          'fixtures/releases/migrations.lock.json',
          '--history',
          'fixtures/history/small',
        ],
      },
      // 'verify-proofs': { args: ['--database-url', 'postgres://…'] },
      // rails: { skip: true }, // listed as skipped in every report, never as passed
    },
  },
};
