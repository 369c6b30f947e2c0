import type { Command } from '../cli/context.js';
import { emitReport } from '../cli/emit.js';
import {
  parseCommandArgs,
  parseFormat,
  REPORT_OPTIONS,
  REPORT_OPTIONS_HELP,
  requireFlag,
} from '../cli/options.js';
import { selectionSection } from '../selection/selection-config.js';
import { selectionReport } from '../selection/selection-report.js';
import { selectProofs } from '../selection/select-proofs.js';
import { assertOutputsAreNotInputs } from '../cli/out-guard.js';

export const command: Command = {
  name: 'select-proofs',
  summary: 'decide which proof suites a change between two git refs needs',
  help: `Usage: proofgate select-proofs --from REF [--to REF] [report options]

Classifies every path changed between the refs (git diff --name-status) as code, config, schema,
policy, docs, ui or test (globs in selection.categories), and selects the proof suites of
selection.suites whose categories, path globs or match regex (on changed paths and lines) apply.
Docs-only, UI-only and test-only changes need none; a schema change needs the migration proofs.

Options:
  --from REF    base ref (e.g. origin/main, v1.4.0)
  --to REF      candidate ref (default HEAD)

${REPORT_OPTIONS_HELP}

Exit codes: 0 selection made · 1 a change no suite covers (selection.unmatched: 'fail') or a selected
suite with no files · 2 usage, config, unknown ref or not a git repository.
Example: proofgate select-proofs --from origin/main --to HEAD --format json`,
  async run(argv, ctx) {
    const { values } = parseCommandArgs('select-proofs', {
      args: argv,
      options: { ...REPORT_OPTIONS, from: { type: 'string' }, to: { type: 'string' } },
    });
    const format = parseFormat(values.format);
    const from = requireFlag('--from', values.from, 'name the base ref, e.g. --from origin/main');
    const loaded = await ctx.config(values.config);
    assertOutputsAreNotInputs(ctx.cwd, [{ flag: '--out', path: values.out }], [loaded.file]);

    const sel = await selectProofs(
      ctx.cwd,
      from,
      values.to ?? 'HEAD',
      selectionSection(loaded.config),
      loaded.dir,
    );
    return emitReport(
      selectionReport(sel),
      { format, out: values.out, deterministic: values.deterministic },
      ctx,
    );
  },
};
