import type { Command } from '../cli/context.js';
import { emitReport } from '../cli/emit.js';
import { REPORT_OPTIONS, REPORT_OPTIONS_HELP, parseCommandArgs, parseFormat } from '../cli/options.js';
import { InputError, UsageError } from '../errors/index.js';
import { finalize, type ShardState } from '../verify/index.js';
import { readReportFile } from '../verify/read-report-file.js';
import { assertOutputsAreNotInputs } from '../cli/out-guard.js';

const HELP = `proofgate merge: join the shard reports of \`verify-proofs --shard K/N\` into one report

Usage: proofgate merge SHARD.json... [options]

The merged report (verdict, counts, digests, content roots) is exactly the report of an unsharded
run over the same log: each shard's first chain link and the Merkle trees are joined here.

${REPORT_OPTIONS_HELP}

Exit codes: 0 PASS · 1 FAIL · 2 a shard is missing, duplicated, unreadable or from another run.
Example (a CI matrix of 4 jobs, then one join job):
  proofgate verify-proofs --database-url "$URL" --shard 2/4 --out shard-2.json
  proofgate merge shard-*.json --format json --out verify.json
`;

export const command: Command = {
  name: 'merge',
  summary: 'join verify-proofs shard reports into the report of an unsharded run',
  help: HELP,
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs('merge', {
      args: argv,
      options: REPORT_OPTIONS,
      allowPositionals: true,
    });
    if (positionals.length === 0)
      throw new UsageError('give the shard report files to merge', { hint: 'proofgate merge shard-*.json' });
    assertOutputsAreNotInputs(
      ctx.cwd,
      [{ flag: '--out', path: values.out }],
      [...positionals, (await ctx.config(values.config)).file],
    );
    const states: ShardState[] = [];
    for (const p of positionals) states.push((await readReportFile(ctx.cwd, p)).value as ShardState);
    let report;
    try {
      report = finalize(states);
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw new InputError('ERR_REPORT', `shard reports do not join: ${(e as Error).message}`, {
        hint: 'pass unmodified shard reports of one run',
      });
    }
    return emitReport(
      report,
      { format: parseFormat(values.format), out: values.out, deterministic: values.deterministic },
      ctx,
    );
  },
};
