import type { Command } from './context.js';

// Commands load lazily so `proofgate --help` and each command start without importing the others.
// Add a command: one file in harness/commands/, one entry here (keep alphabetical).
export const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  'check-openapi': {
    summary:
      'classify every change between two OpenAPI specs: breaking (exit 1), additive or non-breaking (exit 0)',
    load: async () => (await import('../commands/check-openapi.js')).command,
  },
  conformance: {
    summary:
      'run every operation of the frozen contract against the service (supertest or --base-url), with --rails',
    load: async () => (await import('../commands/conformance.js')).command,
  },
  export: {
    summary: 'write one log of a Postgres ledger as a proof bundle (byte-exact)',
    load: async () => (await import('../commands/export.js')).command,
  },
  'generate-history': {
    summary:
      'write a deterministic signed history bundle (EdDSA + ES256, rotation, anchors) for tests and benches',
    load: async () => (await import('../commands/generate-history.js')).command,
  },
  import: {
    summary: 'load a proof bundle into a Postgres ledger (append-only; schema applied if absent)',
    load: async () => (await import('../commands/import.js')).command,
  },
  'select-proofs': {
    summary: 'decide which proof suites a change between two git refs needs',
    load: async () => (await import('../commands/select-proofs.js')).command,
  },
  freeze: {
    summary: 'freeze an OpenAPI spec into contracts/vN: spec, canonical snapshot + sha256, types',
    load: async () => (await import('../commands/freeze.js')).command,
  },
  'verify-freeze': {
    summary: 'prove the frozen contract (spec, snapshot, sha256, types) has not drifted',
    load: async () => (await import('../commands/verify-freeze.js')).command,
  },
  init: {
    summary: "set proofgate up in a team's repository: freeze the spec, write the config, CI and .gitignore",
    load: async () => (await import('../commands/init.js')).command,
  },
  migrations: {
    summary: 'migration lock file, preflight (forward-only, one head, rerun-safe, squawk), apply and status',
    load: async () => (await import('../commands/migrations.js')).command,
  },
  'prod-gate': {
    summary: 'the production gate: every stage in order, one PASS/FAIL, a release folder of artifacts',
    load: async () => (await import('../commands/prod-gate.js')).command,
  },
  rehearse: {
    summary:
      'rehearse a database upgrade: base → history → candidate migrations → re-verify, compare, start the service',
    load: async () => (await import('../commands/rehearse.js')).command,
  },
  'release-check': {
    summary: 'check a release artifact and its env file against the startup guards',
    load: async () => (await import('../commands/release-check.js')).command,
  },
  compare: {
    summary: 'compare two verify-proofs reports: FAIL on any changed outcome, content root or key binding',
    load: async () => (await import('../commands/compare.js')).command,
  },
  merge: {
    summary: 'join verify-proofs shard reports into the report of an unsharded run',
    load: async () => (await import('../commands/merge.js')).command,
  },
  'verify-proofs': {
    summary: 'verify every signed record, the chain and the anchors of a log (bundle or database)',
    load: async () => (await import('../commands/verify-proofs.js')).command,
  },
};
