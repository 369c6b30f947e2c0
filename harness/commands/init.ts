import type { Command } from '../cli/context.js';
import { parseCommandArgs } from '../cli/options.js';

export const command: Command = {
  name: 'init',
  summary: "set proofgate up in a team's repository: freeze the spec, write the config, CI and .gitignore",
  help: `Usage: proofgate init [--spec SPEC] [--contract-dir DIR] [--force] [--ts | --mjs]

Run in your repository root. It:
  1. finds your OpenAPI spec (openapi.{yaml,yml,json} in the usual places; or --spec) and freezes it
     into contracts/v1 (spec, canonical snapshot + sha256, openapi-typescript types);
  2. writes proofgate.config.ts (Node.js with TypeScript support) or proofgate.config.mjs, typed
     with defineConfig, with what it found (the spec, *.proof.{ts,mts,js,mjs} suites for the proof
     runner) and each stage it cannot run switched off with a TODO (service, ledger, env);
  3. writes .github/workflows/proofgate.yml and .gitlab/proofgate.yml;
  4. adds proofgate-release/, .proofgate/ and proofgate.sarif to .gitignore.
Safe to run twice: an existing file is kept unless --force; a freeze of another contract is
never replaced (changing v1 means adding v2: proofgate freeze --out contracts/v2).

Options:
  --spec SPEC          the spec to freeze (default: the first one found)
  --contract-dir DIR   where to freeze it (default contracts/v1)
  --force              replace files init wrote before
  --ts | --mjs         the config's language (default: .ts where Node.js loads TypeScript)

Exit codes: 0 done · 2 no spec found, invalid spec, or a file could not be written
Example: npx proofgate init && npx proofgate check-openapi && npx proofgate prod-gate
Guide: node_modules/proofgate/docs/use-in-your-repository.md`,
  async run(argv, ctx) {
    const { values } = parseCommandArgs('init', {
      args: argv,
      options: {
        spec: { type: 'string' },
        'contract-dir': { type: 'string' },
        force: { type: 'boolean' },
        ts: { type: 'boolean' },
        mjs: { type: 'boolean' },
      },
      allowPositionals: false,
    });
    const { init } = await import('../init/init.js');
    const r = await init({
      root: ctx.cwd,
      spec: values.spec,
      contractDir: values['contract-dir'],
      force: values.force === true,
      typescript: values.ts === true ? true : values.mjs === true ? false : undefined,
    });
    const lines = [
      `proofgate init: spec ${r.spec}`,
      ...r.written.map((f) => `  wrote ${f}`),
      ...r.kept.map((f) => `  kept  ${f} (exists; --force replaces files init writes)`),
      ...r.notes.map((n) => `  note: ${n}`),
      r.scripts
        ? 'next: npm run check:openapi, then npm run test:prod-gate; fill in the TODOs in the config'
        : 'next: npx proofgate check-openapi, then npx proofgate prod-gate; fill in the TODOs in the config',
    ];
    ctx.stdout.write(lines.join('\n') + '\n');
    return 0;
  },
};
