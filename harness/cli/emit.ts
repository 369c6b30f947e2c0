import { resolve } from 'node:path';
import { renderReport } from '../report/render.js';
import { renderText } from '../report/render-text.js';
import type { Format, Report } from '../report/types.js';
import { writeFileAtomic } from '../report/write-atomic.js';
import type { CliContext } from './context.js';

export interface EmitOptions {
  format: Format;
  out?: string | undefined;
  deterministic?: boolean | undefined;
}

/**
 * Prints (or writes with --out) the report in the chosen format and returns its exit code:
 * 0 when it passed, 1 when it failed. With --out, stdout still gets the one-line verdict.
 */
export async function emitReport(report: Report, options: EmitOptions, ctx: CliContext): Promise<0 | 1> {
  const text = renderReport(report, options.format, { deterministic: options.deterministic ?? false });
  if (options.out !== undefined) {
    const file = resolve(ctx.cwd, options.out);
    await writeFileAtomic(file, text);
    ctx.stdout.write(
      renderText({ ...report, findings: [], checks: [], notes: [`report written to ${file}`] }),
    );
  } else ctx.stdout.write(text);
  return report.pass ? 0 : 1;
}
