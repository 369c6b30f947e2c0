import { resolve } from 'node:path';
import type { Command } from '../cli/context.js';
import { emitReport } from '../cli/emit.js';
import {
  parseCommandArgs,
  parseFormat,
  REPORT_OPTIONS,
  REPORT_OPTIONS_HELP,
  requireFlag,
} from '../cli/options.js';
import { UsageError } from '../errors/index.js';
import { releaseCheckReport } from '../release/release-check-report.js';
import { readEnvFile } from '../release/parse-env-file.js';
import { releaseGuardOptions, releaseSection } from '../release/release-config.js';
import { assertOutputsAreNotInputs } from '../cli/out-guard.js';

export const command: Command = {
  name: 'release-check',
  summary: 'validate a release artifact and its environment against the startup guards and the env matrix',
  help: `Usage: proofgate release-check --env FILE [--contracts-dir DIR] [--db-head HEAD] [report options]

Reads the environment a release would start with (a dotenv file), derives the release artifact
(code_sha, expected_alembic_head, supported_api_versions, enabled_feature_flags, signing_mode,
signing_required) and applies the same startup guards the service runs at boot.

Options:
  --env FILE            the environment to check (KEY=value lines; config: release.envFile).
                        Prefer it to --env-file: Node.js reads that flag on its own command line, even
                        after the script name, and applies the file's NODE_OPTIONS. The proofgate
                        program keeps Node away from it, but npx/npm/pnpm run under Node themselves
  --contracts-dir DIR   frozen contracts, one <version>/openapi.yaml each (config: release.contractsDir; default: contracts)
  --db-head HEAD        the migration head the database is at; compared to EXPECTED_ALEMBIC_HEAD

${REPORT_OPTIONS_HELP}

Exit codes: 0 no violation (warnings allowed) · 1 a guard refused · 2 usage or unreadable env file.
Example: proofgate release-check --env fixtures/env/prod-good.env`,
  async run(argv, ctx) {
    const { values } = parseCommandArgs('release-check', {
      args: argv,
      options: {
        ...REPORT_OPTIONS,
        env: { type: 'string' },
        // In-process callers only (the gate, tests): from a shell the launcher refuses it (bin/proofgate.js).
        'env-file': { type: 'string' },
        'contracts-dir': { type: 'string' },
        'db-head': { type: 'string' },
      },
    });
    const format = parseFormat(values.format);
    const loaded = await ctx.config(values.config);
    const section = releaseSection(loaded.config);
    if (values.env !== undefined && values['env-file'] !== undefined)
      throw new UsageError('give --env once (--env-file is its old name)');
    const flag = values.env ?? values['env-file'];
    const envFile =
      flag !== undefined
        ? resolve(ctx.cwd, flag)
        : section.envFile !== undefined
          ? resolve(loaded.dir, section.envFile)
          : undefined;
    const file = requireFlag(
      '--env',
      envFile,
      'name the environment file a release starts with, e.g. --env deploy/prod.env (or set release.envFile)',
    );
    const contractsDir =
      values['contracts-dir'] !== undefined
        ? resolve(ctx.cwd, values['contracts-dir'])
        : resolve(loaded.dir, section.contractsDir ?? 'contracts');
    assertOutputsAreNotInputs(
      ctx.cwd,
      [{ flag: '--out', path: values.out }],
      [file, contractsDir, loaded.file],
    );
    const env = await readEnvFile(file);
    const report = releaseCheckReport(env, {
      contractsDir,
      envFile: flag ?? section.envFile ?? file,
      ...(values['db-head'] === undefined ? {} : { currentHead: values['db-head'] }),
      ...releaseGuardOptions(section),
    });
    return emitReport(report, { format, out: values.out, deterministic: values.deterministic }, ctx);
  },
};
