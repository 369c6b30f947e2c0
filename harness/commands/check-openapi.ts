import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Command } from '../cli/context.js';
import { emitReport } from '../cli/emit.js';
import { parseCommandArgs, parseFormat, REPORT_OPTIONS, REPORT_OPTIONS_HELP } from '../cli/options.js';
import { InputError, UsageError } from '../errors/index.js';
import { isDate } from '../exceptions/load-exceptions.js';
import { assertOutputsAreNotInputs } from '../cli/out-guard.js';
import { isWithin } from '../is-within.js';

/** Defaults when neither a flag nor the config names a spec (relative to the working folder). */
export const DEFAULT_BASE = 'contracts/v1/openapi.yaml';
export const DEFAULT_CANDIDATE = 'openapi.yaml';

export const command: Command = {
  name: 'check-openapi',
  summary:
    'classify every change between two OpenAPI specs: breaking (exit 1), additive or non-breaking (exit 0)',
  help: `Usage: proofgate check-openapi [--base SPEC] [--candidate SPEC] [--exceptions FILE] [--date YYYY-MM-DD] [report options]

Diffs two OpenAPI 3.0/3.1 specs (JSON or YAML) by meaning and classifies every change as
breaking, additive or non-breaking. Specs are loaded safely: no network, $ref only inside the
spec's folder, YAML alias bombs and oversized files refused.

Options:
  --base SPEC          the frozen contract (config openapi.base; default ${DEFAULT_BASE})
  --candidate SPEC     the spec to check (config openapi.candidate; default ${DEFAULT_CANDIDATE})
  --exceptions FILE    reviewed accepted exceptions, YAML or JSON (config openapi.exceptions)
  --date YYYY-MM-DD    date for sunset rules and exception expiry (default: PROOFGATE_DATE, else
                       today in UTC); recorded in the report

${REPORT_OPTIONS_HELP}

JSON report: { verdict, changes: [{id, class, path, method, pointer, message}], exceptions?, date, digest }
Exit codes: 0 non-breaking or additive · 1 breaking, or an expired/unused exception · 2 usage or invalid input
Example: npx proofgate check-openapi --base contracts/v1/openapi.yaml --candidate openapi.yaml --format markdown`,
  async run(argv, ctx) {
    const { values } = parseCommandArgs('check-openapi', {
      args: argv,
      options: {
        ...REPORT_OPTIONS,
        base: { type: 'string' },
        candidate: { type: 'string' },
        exceptions: { type: 'string' },
        date: { type: 'string' },
      },
      allowPositionals: false,
    });
    const format = parseFormat(values.format);
    const date = values.date ?? nonEmpty(ctx.env.PROOFGATE_DATE) ?? new Date().toISOString().slice(0, 10);
    if (!isDate(date))
      throw new UsageError(`--date takes a real date as YYYY-MM-DD, not ${JSON.stringify(date)}`);

    // Validated by the config schema (harness/config/schema/openapi.ts).
    const { config, dir, file: configFile } = await ctx.config(values.config);
    const oc = config.openapi ?? {};
    const fromConfig = (key: 'base' | 'candidate' | 'exceptions'): string | undefined => {
      const v = oc[key];
      return v === undefined ? undefined : resolve(dir, v);
    };
    const limit = (key: 'maxBytes' | 'maxAliases'): number | undefined => oc[key];
    const spec = (key: 'base' | 'candidate', fallback: string): string => {
      const flag = values[key];
      if (flag !== undefined) {
        if (flag === '') throw new UsageError(`--${key} needs a file`);
        return resolve(ctx.cwd, flag);
      }
      const configured = fromConfig(key);
      if (configured !== undefined) return configured;
      const file = resolve(ctx.cwd, fallback);
      if (!existsSync(file)) {
        throw new InputError('ERR_INPUT', `no --${key} given and the default ${fallback} does not exist`, {
          file,
          hint: `pass --${key} SPEC or set openapi.${key} in proofgate.config`,
        });
      }
      return file;
    };
    const base = spec('base', DEFAULT_BASE);
    const candidate = spec('candidate', DEFAULT_CANDIDATE);
    const exceptions =
      values.exceptions !== undefined ? resolve(ctx.cwd, values.exceptions) : fromConfig('exceptions');

    assertOutputsAreNotInputs(
      ctx.cwd,
      [{ flag: '--out', path: values.out }],
      [base, candidate, exceptions, configFile],
    );

    // Loaded here, not at the top: `proofgate --help` and other commands never pay for the diff.
    const { checkOpenApi } = await import('../openapi/check-openapi.js');
    const label = (file: string) => (isWithin(file, ctx.cwd) ? relative(ctx.cwd, file) : file);
    const { report } = await checkOpenApi({
      base,
      candidate,
      labels: {
        base: label(base),
        candidate: label(candidate),
        ...(exceptions === undefined ? {} : { exceptions: label(exceptions) }),
      },
      exceptions,
      date,
      // SARIF and GitHub annotations attach findings to lines of the spec.
      locate: format === 'sarif' || format === 'github',
      maxBytes: limit('maxBytes'),
      maxAliases: limit('maxAliases'),
    });
    return emitReport(report, { format, out: values.out, deterministic: values.deterministic }, ctx);
  },
};

function nonEmpty(s: string | undefined): string | undefined {
  return s === undefined || s === '' ? undefined : s;
}
