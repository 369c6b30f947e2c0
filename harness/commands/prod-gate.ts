import type { Command } from '../cli/context.js';
import { emitReport } from '../cli/emit.js';
import { parseCommandArgs, parseFormat, REPORT_OPTIONS, REPORT_OPTIONS_HELP } from '../cli/options.js';
import { UsageError } from '../errors/index.js';
import { runProdGate } from '../gate/run-prod-gate.js';
import { stageList } from '../gate/select-stages.js';
import { GATE_STAGES } from '../gate/stages.js';
import { assertOutputsAreNotInputs } from '../cli/out-guard.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const command: Command = {
  name: 'prod-gate',
  summary: 'the production gate: every stage in order, one PASS/FAIL, a release folder of artifacts',
  help: `Usage: proofgate prod-gate [--only STAGE]... [--skip STAGE]... [--from REF] [--to REF]
                          [--out-dir DIR] [--changelog FILE | --no-changelog] [--date YYYY-MM-DD] [report options]

Runs, in order (one PASS/FAIL; a skipped stage is listed as skipped, never as passed; a stage
that is not implemented or throws is a FAIL):
${GATE_STAGES.map((s) => `  ${s.id.padEnd(14)} ${s.title}`).join('\n')}

Options:
  --only STAGE        run only these stages (repeatable, or comma-separated)
  --skip STAGE        skip these stages (repeatable, or comma-separated)
  --from REF          base git ref of the release (proof selection, release class; config gate.from)
  --to REF            candidate git ref (default HEAD; config gate.to)
  --out-dir DIR       release folder (default proofgate-release; config gate.outDir)
  --changelog FILE    Operations Changelog to append to (default OPERATIONS_CHANGELOG.md; config gate.changelog)
  --no-changelog      do not append a changelog entry
  --date YYYY-MM-DD   date of the changelog entry (default: PROOFGATE_DATE, else today in UTC)

${REPORT_OPTIONS_HELP}

The release folder holds report.json (deterministic, with digest), report.junit.xml, summary.md
(also appended to $GITHUB_STEP_SUMMARY when set), stages/<id>.json, logs/<id>.log and
manifest.json (sha256 of every file). Progress goes to stderr (live on a TTY, plain lines in CI).
Before any stage runs, the folder is locked and checked: it must be new, empty, or hold only the
files its proofgate manifest lists (anything else is refused, never deleted); the previous run's
files are removed then, and the new release is renamed into place only once completely written.
Credentials (URL passwords, password=…, tokens) are masked in every file and on stdout/stderr.

Exit codes: 0 PASS · 1 FAIL (the failing stages are named) · 2 usage, config or output error
(foreign or locked --out-dir, disk full, read-only folder, unwritable $GITHUB_STEP_SUMMARY).
Example: npx proofgate prod-gate --skip rehearse --out-dir release/`,
  async run(argv, ctx) {
    const { values } = parseCommandArgs('prod-gate', {
      args: argv,
      options: {
        ...REPORT_OPTIONS,
        only: { type: 'string', multiple: true },
        skip: { type: 'string', multiple: true },
        from: { type: 'string' },
        to: { type: 'string' },
        'out-dir': { type: 'string' },
        changelog: { type: 'string' },
        'no-changelog': { type: 'boolean' },
        date: { type: 'string' },
      },
    });
    const format = parseFormat(values.format);
    const date = values.date ?? ctx.env.PROOFGATE_DATE ?? new Date().toISOString().slice(0, 10);
    if (!DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
      throw new UsageError(`--date takes YYYY-MM-DD, not ${JSON.stringify(date)}`);
    }
    if (values.changelog !== undefined && values['no-changelog'])
      throw new UsageError('--changelog and --no-changelog exclude each other');
    const config = await ctx.config(values.config);
    assertOutputsAreNotInputs(ctx.cwd, [{ flag: '--out', path: values.out }], [config.file]);
    const result = await runProdGate({
      cli: ctx,
      config,
      date,
      only: stageList(values.only),
      skip: stageList(values.skip),
      from: values.from,
      to: values.to,
      outDir: values['out-dir'],
      changelog: values['no-changelog'] ? false : values.changelog,
    });
    ctx.stderr.write(
      `prod-gate: ${result.report.pass ? 'PASS' : 'FAIL'}; release folder ${result.folder.dir} (digest ${result.folder.digest})\n`,
    );
    return emitReport(result.report, { format, out: values.out, deterministic: values.deterministic }, ctx);
  },
};
