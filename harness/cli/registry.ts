import type { Command } from './context.js';

// Commands load lazily so `proofgate --help` and each command start without importing the others.
// Add a command: one file in harness/commands/, one entry here (keep alphabetical).
export const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  'release-check': {
    summary: 'check a release artifact and its env file against the startup guards',
    load: async () => (await import('../commands/release-check.js')).command,
  },
};
