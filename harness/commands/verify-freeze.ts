import { relative, resolve } from 'node:path';
import type { Command } from '../cli/context.js';
import { emitReport } from '../cli/emit.js';
import { parseCommandArgs, parseFormat, REPORT_OPTIONS, REPORT_OPTIONS_HELP } from '../cli/options.js';
import { DEFAULT_FREEZE_DIR, FREEZE_DRIFT_IDS, FREEZE_FILES, verifyFreeze } from '../freeze/index.js';
import { freezeConfig } from './freeze-config.js';
import { assertOutputsAreNotInputs } from '../cli/out-guard.js';

export const command: Command = {
  name: 'verify-freeze',
  summary: 'prove the frozen contract (spec, snapshot, sha256, types) has not drifted',
  help: `Usage: proofgate verify-freeze [--dir DIR] [report options]

Recomputes the canonical snapshot, its sha256 and the openapi-typescript types from the frozen
${FREEZE_FILES.spec} and compares them with the committed files. Findings:
  ${FREEZE_DRIFT_IDS.spec}     the spec was edited (snapshot and hash still agree with each other)
  ${FREEZE_DRIFT_IDS.snapshot}  the snapshot was edited, or is not the spec's canonical form
  ${FREEZE_DRIFT_IDS.hash}   the sha256 file is malformed or names another hash
  ${FREEZE_DRIFT_IDS.types}     ${FREEZE_FILES.types} is not what openapi-typescript generates from the spec
  ${FREEZE_DRIFT_IDS.pin}    the snapshot's sha256 is not the one pinned in config freeze.sha256
A frozen version never changes: changing v1 means adding v2.

Options:
  --dir DIR      the version folder (config freeze.dir; default ${DEFAULT_FREEZE_DIR})

${REPORT_OPTIONS_HELP}

Exit codes: 0 intact · 1 drifted · 2 a file is missing/unreadable or the spec is invalid
Example: npx proofgate verify-freeze --dir contracts/v1 --format json`,
  async run(argv, ctx) {
    const { values } = parseCommandArgs('verify-freeze', {
      args: argv,
      options: { ...REPORT_OPTIONS, dir: { type: 'string' } },
      allowPositionals: false,
    });
    const format = parseFormat(values.format);
    const conf = await freezeConfig(ctx, values.config);
    const dir = values.dir !== undefined ? resolve(ctx.cwd, values.dir) : conf.dir;
    assertOutputsAreNotInputs(
      ctx.cwd,
      [{ flag: '--out', path: values.out }],
      [{ dir, files: Object.values(FREEZE_FILES) }, (await ctx.config(values.config)).file],
    );
    const report = await verifyFreeze(dir, {
      ...conf.limits,
      displayDir: relative(ctx.cwd, dir) || '.',
      ...(conf.sha256 === undefined ? {} : { pinnedSha256: conf.sha256 }),
    });
    return emitReport(report, { format, out: values.out, deterministic: values.deterministic }, ctx);
  },
};
