import type { Command } from '../cli/context.js';
import { emitReport } from '../cli/emit.js';
import { REPORT_OPTIONS, REPORT_OPTIONS_HELP, parseCommandArgs, parseFormat } from '../cli/options.js';
import { UsageError } from '../errors/index.js';
import { asVerifyReport, compareReports } from '../verify/index.js';
import { readReportFile } from '../verify/read-report-file.js';
import { assertOutputsAreNotInputs } from '../cli/out-guard.js';

const HELP = `proofgate compare: prove an upgrade changed no outcome, content root or key binding

Usage: proofgate compare BEFORE.json AFTER.json [options]

BEFORE and AFTER are \`verify-proofs --format json\` reports of the same log before and after an
upgrade. FAIL on a changed record outcome (names the first seq), a changed or missing content root
at an old tree size, a dropped or rebound key (names the kid), a dropped note key, or a changed
tree size. Added keys (rotation) are listed, not failed. Both reports must prove something:
each is checked against its own digest and verdict (an edited report is exit 2), and a side that
is a FAIL or verified no record makes the comparison FAIL.

${REPORT_OPTIONS_HELP}

Exit codes: 0 unchanged · 1 something changed, or a side is FAIL/empty · 2 unreadable, edited or not a
verify-proofs report.
`;

async function load(cwd: string, p: string) {
  const { file, value } = await readReportFile(cwd, p);
  return asVerifyReport(value, file);
}

export const command: Command = {
  name: 'compare',
  summary: 'compare two verify-proofs reports: FAIL on any changed outcome, content root or key binding',
  help: HELP,
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs('compare', {
      args: argv,
      options: REPORT_OPTIONS,
      allowPositionals: true,
    });
    if (positionals.length !== 2) throw new UsageError('give exactly two reports: BEFORE.json AFTER.json');
    assertOutputsAreNotInputs(
      ctx.cwd,
      [{ flag: '--out', path: values.out }],
      [...positionals, (await ctx.config(values.config)).file],
    );
    const report = compareReports(await load(ctx.cwd, positionals[0]!), await load(ctx.cwd, positionals[1]!));
    return emitReport(
      report,
      { format: parseFormat(values.format), out: values.out, deterministic: values.deterministic },
      ctx,
    );
  },
};
