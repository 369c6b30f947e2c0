import type { Command } from './context.js';

// Commands load lazily so `proofgate --help` and each command start without importing the others.
// Add a command: one file in harness/commands/, one entry here (keep alphabetical).
export const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  'check-openapi': {
    summary: 'classify every change between two OpenAPI specs: breaking (exit 1), additive or non-breaking (exit 0)',
    load: async () => (await import('../commands/check-openapi.js')).command,
  },
  'generate-history': {
    summary: 'write a deterministic signed history bundle (EdDSA + ES256, rotation, anchors) for tests and benches',
    load: async () => (await import('../commands/generate-history.js')).command,
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
  migrations: {
    summary: 'migration lock file, preflight (forward-only, one head, rerun-safe, squawk), apply and status',
    load: async () => (await import('../commands/migrations.js')).command,
  },
  'release-check': {
    summary: 'check a release artifact and its env file against the startup guards',
    load: async () => (await import('../commands/release-check.js')).command,
  },
};
